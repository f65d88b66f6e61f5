import { Foundation1764140000000 } from './1764140000000-Foundation';
import { Calendar1764140000100 } from './1764140000100-Calendar';
import { Evidence1764140000300 } from './1764140000300-Evidence';
import { Checklists1764140000310 } from './1764140000310-Checklists';

/** Every migration, in order. Listed here (not globbed) so the app, the CLI and Jest load the same set. */
export const MIGRATIONS = [
  Foundation1764140000000,
  Calendar1764140000100,
  Evidence1764140000300,
  Checklists1764140000310,
];
