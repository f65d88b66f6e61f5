import { Foundation1764140000000 } from './1764140000000-Foundation';

/** Every migration, in order. Listed here (not globbed) so the app, the CLI and Jest load the same set. */
export const MIGRATIONS = [Foundation1764140000000];
