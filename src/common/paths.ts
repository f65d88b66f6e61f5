import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let root: string | undefined;

/**
 * The folder holding package.json, found from this file whether it runs from `src/` (tests)
 * or from `dist/src/` (built); views, templates, static files and demo data live under it.
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  return (root = dir);
}

export function fromRoot(...parts: string[]): string {
  return resolve(projectRoot(), ...parts);
}
