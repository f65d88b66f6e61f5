import { Foundation1764140000000 } from './1764140000000-Foundation';
import { Calendar1764140000100 } from './1764140000100-Calendar';
import { Rectification1764140000200 } from './1764140000200-Rectification';
import { Evidence1764140000300 } from './1764140000300-Evidence';
import { Checklists1764140000310 } from './1764140000310-Checklists';
import { Notifications1764140000400 } from './1764140000400-Notifications';
import { Reports1764140000500 } from './1764140000500-Reports';
import { ChecklistScale1764140000600 } from './1764140000600-ChecklistScale';
import { Security1764140001100 } from './1764140001100-Security';
import { TaskTitles1764140001500 } from './1764140001500-TaskTitles';

/** Every migration, in order. Listed here (not globbed) so the app, the CLI and Jest load the same set. */
export const MIGRATIONS = [
  Foundation1764140000000,
  Calendar1764140000100,
  Rectification1764140000200,
  Evidence1764140000300,
  Checklists1764140000310,
  Notifications1764140000400,
  Reports1764140000500,
  ChecklistScale1764140000600,
  Security1764140001100,
  TaskTitles1764140001500,
];
