import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { testDatabaseName, testDatabaseServerUrl, testQueuePrefix, testRedisUrl } from '../support/test-env';

const ROOT = join(__dirname, '..', '..');
const DEMO = join(ROOT, 'dist', 'src', 'demo', 'start-demo.js');

/** CI builds before testing; locally, rebuild when dist is missing or older than the sources it runs. */
function ensureFreshBuild(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  if (existsSync(DEMO) && statSync(DEMO).mtimeMs >= Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'migrations')))) return;
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Start-up lines of Nest itself: they belong above the banner. */
const START_UP = /"context":"(NestFactory|InstanceLoader|RoutesResolver|RouterExplorer|NestApplication)"/;

/**
 * `npm run start:demo` as a person runs it (issue 11, item 16): the banner with the URLs and
 * users is the last thing the start prints, below every start-up log line, not above them.
 * A short history (DEMO_DAYS=7) keeps it quick; the replay itself is tested in demo-history.
 */
describe('start:demo', () => {
  let child: ChildProcess;
  let output = '';
  let port: number;
  let stopped = false;

  const waitFor = async (what: string, done: () => boolean | Promise<boolean>, ms = 600_000): Promise<void> => {
    const until = Date.now() + ms;
    while (!(await done())) {
      if (stopped) throw new Error(`stopped while waiting for ${what}`);
      if (child.exitCode !== null) throw new Error(`the demo exited (${child.exitCode}) while waiting for ${what}:\n${output.slice(-3000)}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    ensureFreshBuild();
    port = await freePort();
    child = spawn(process.execPath, [DEMO], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: `${testDatabaseServerUrl().replace(/\/$/, '')}/${testDatabaseName()}_demo_start`,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: `${testQueuePrefix()}-demo`,
        PORT: String(port),
        DEMO_DAYS: '7',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
  }, 120_000);

  afterAll(async () => {
    stopped = true;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('prints the URLs and the demo users last, below every start-up log line', async () => {
    await waitFor('the banner', () => /operator\.xinfeng-jt +operator/.test(output));
    await waitFor('the server', async () => (await request(`http://127.0.0.1:${port}`).get('/health').catch(() => null))?.status === 200);
    // A request is logged after everything printed so far: once its line is out, so is all that came before.
    const marker = `/login?marker=${Date.now()}`;
    expect((await request(`http://127.0.0.1:${port}`).get(marker)).status).toBe(200);
    await waitFor('the request log line', () => output.includes(marker));

    const lines = output.split('\n');
    const banner = lines.findIndex((l) => l.startsWith('Duban demo (赣州市) is running at'));
    expect(banner).toBeGreaterThan(0);
    expect(lines.slice(0, banner).filter((l) => START_UP.test(l)).length).toBeGreaterThan(100);
    expect(lines.slice(banner).filter((l) => START_UP.test(l))).toEqual([]);
    const text = lines.slice(banner).join('\n');
    expect(text).toContain(`http://localhost:${port}/api/docs`);
    expect(text).toMatch(/History: +\d+ day\(s\) replayed/);
    expect(text).toMatch(/started in \d+ s/);
  }, 900_000);
});
