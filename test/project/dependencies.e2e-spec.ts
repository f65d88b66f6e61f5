import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as semver from 'semver';

// What `npm ci` installs on a clean clone must agree with what the project says it supports:
// every package's own `engines` accepts every supported Node line (else npm prints EBADENGINE
// and the package may not run there), and every install script has an explicit decision in
// package.json `allowScripts` (npm 11 skips undecided ones with a warning).

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean; optional?: boolean }>;
};

/** The oldest release of each supported line: `^20.19.0 || ^22.13.0 || >=24` → 20.19.0, 22.13.0, 24.0.0. */
function supportedMinimums(range: string): string[] {
  return range.split('||').map((part) => semver.minVersion(part.trim())!.version);
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('dependencies and supported Node versions', () => {
  const minimums = supportedMinimums(pkg.engines.node);

  it('names at least the Node lines CI and the Docker image run', () => {
    expect(minimums.map((v) => semver.major(v))).toEqual(expect.arrayContaining([20, 22]));
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it.each(minimums)('installs only packages whose engines accept Node %s', (version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(version, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${nameOf(path)}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('decides in allowScripts about every install script', () => {
    const decided = pkg.allowScripts ?? {};
    const undecided = Object.entries(lock.packages)
      .filter(([path, entry]) => path && entry.hasInstallScript)
      .map(([path]) => nameOf(path))
      .filter((name) => !(name in decided));
    expect(undecided).toEqual([]);
  });

  // Under Debian's own Node 20 build (these machines and CI) argon2's prebuilt linux-x64 binary
  // crashes the process on load; its approved install script compiles it from source instead.
  // A child process, so that a crash fails this test instead of the test worker.
  it('hashes with argon2 as installed (its install script approved)', () => {
    expect(pkg.allowScripts?.argon2).toBe(true);
    const script = "const a = require('argon2'); a.hash('口令-1').then(async (h) => process.exit((await a.verify(h, '口令-1')) && !(await a.verify(h, '口令-2')) ? 0 : 1))";
    const child = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect({ status: child.status, signal: child.signal, stderr: child.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
  });

  it('says in the README which Node versions are supported', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(pkg.engines.node);
  });
});
