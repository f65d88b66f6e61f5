import fc from 'fast-check';
import { hostOf, HostScheduler, PolitenessSettings, SchedulerTimer } from './host-scheduler';

/** A clock that moves only when told, running the timers that fall due on the way. */
class VirtualTimer implements SchedulerTimer {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): void {
    this.timers.push({ at: this.time + ms, callback });
  }

  /** Lets promise callbacks run, then moves to each due timer in turn until `ms` have passed. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (next === undefined || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
      await settle();
    }
    this.time = end;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A request the test finishes by hand, recording when it started. */
interface Request {
  host: string;
  startedAt: number | null;
  finish: () => void;
}

function harness(settings: PolitenessSettings) {
  const timer = new VirtualTimer();
  const scheduler = new HostScheduler(settings, timer);
  const requests: Request[] = [];
  let running = 0;
  let peak = 0;
  const perHost = new Map<string, number>();
  const peakPerHost = new Map<string, number>();
  const ask = (url: string) => {
    const request: Request = { host: hostOf(url), startedAt: null, finish: () => undefined };
    requests.push(request);
    const done = scheduler.run(url, () => {
      request.startedAt = timer.now();
      running++;
      peak = Math.max(peak, running);
      perHost.set(request.host, (perHost.get(request.host) ?? 0) + 1);
      peakPerHost.set(request.host, Math.max(peakPerHost.get(request.host) ?? 0, perHost.get(request.host)!));
      return new Promise<string>((resolve) => {
        request.finish = () => {
          running--;
          perHost.set(request.host, perHost.get(request.host)! - 1);
          resolve(url);
        };
      });
    });
    return { request, done };
  };
  return { timer, scheduler, requests, ask, peak: () => peak, peakPerHost };
}

const POLITE: PolitenessSettings = { maxPerHost: 2, minIntervalMs: 1000, maxTotal: 64 };

describe('HostScheduler', () => {
  it('starts requests to one host at least a second apart and never more than two at once', async () => {
    const { timer, ask, requests } = harness(POLITE);
    for (let i = 0; i < 4; i++) ask(`http://www.xf.gov.cn/col/${i}.html`);
    await timer.advance(0);
    expect(requests.map((r) => r.startedAt)).toEqual([0, null, null, null]);
    await timer.advance(1000);
    expect(requests.map((r) => r.startedAt)).toEqual([0, 1000, null, null]);
    await timer.advance(5000); // both still running: the third waits for a slot
    expect(requests[2].startedAt).toBeNull();
    requests[0].finish();
    await timer.advance(0);
    expect(requests[2].startedAt).toBe(6000);
    requests[1].finish();
    await timer.advance(999);
    expect(requests[3].startedAt).toBeNull();
    await timer.advance(1);
    expect(requests[3].startedAt).toBe(7000);
  });

  it('does not hold back other hosts', async () => {
    const { timer, ask, requests } = harness(POLITE);
    ask('http://www.xf.gov.cn/');
    ask('http://www.xf.gov.cn/a.html');
    ask('http://www.huichang.gov.cn/');
    ask('https://WWW.XF.GOV.CN:8443/b.html');
    await timer.advance(0);
    expect(requests.map((r) => r.startedAt)).toEqual([0, null, 0, null]);
    await timer.advance(1000);
    expect(requests.map((r) => r.startedAt)).toEqual([0, 1000, 0, null]);
  });

  it('keeps the whole process within maxTotal, giving freed slots to the host that waited longest', async () => {
    const { timer, ask, requests } = harness({ maxPerHost: 2, minIntervalMs: 0, maxTotal: 2 });
    ask('http://a.gov.cn/');
    ask('http://b.gov.cn/');
    ask('http://c.gov.cn/');
    ask('http://d.gov.cn/');
    await timer.advance(0);
    expect(requests.map((r) => r.startedAt)).toEqual([0, 0, null, null]);
    await timer.advance(10);
    requests[1].finish();
    await timer.advance(0);
    expect(requests.map((r) => r.startedAt)).toEqual([0, 0, 10, null]);
  });

  it('passes results and failures through, and a failing task frees its slot', async () => {
    const timer = new VirtualTimer();
    const scheduler = new HostScheduler({ maxPerHost: 1, minIntervalMs: 0, maxTotal: 4 }, timer);
    const failing = scheduler.run('http://a.gov.cn/', () => Promise.reject(new Error('连接被拒绝')));
    const throwing = scheduler.run('http://a.gov.cn/', () => {
      throw new Error('同步异常');
    });
    const fine = scheduler.run('http://a.gov.cn/', async () => 42);
    await expect(failing).rejects.toThrow('连接被拒绝');
    await expect(throwing).rejects.toThrow('同步异常');
    await expect(fine).resolves.toBe(42);
    expect(scheduler.running).toBe(0);
    expect(scheduler.queued).toBe(0);
  });

  it('remembers a host’s last start after it went idle, so a new request still waits its second', async () => {
    const { timer, ask, requests } = harness(POLITE);
    ask('http://www.xf.gov.cn/');
    await timer.advance(0);
    requests[0].finish();
    await timer.advance(300);
    ask('http://www.xf.gov.cn/again');
    await timer.advance(0);
    expect(requests[1].startedAt).toBeNull();
    await timer.advance(700);
    expect(requests[1].startedAt).toBe(1000);
  });

  it('for any mix of hosts and durations: ≤ 2 at once per host and 4 in all, starts ≥ 1 s apart per host in order, all finish', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 25 }), async (jobs) => {
        const { timer, ask, requests, peak, peakPerHost } = harness({ maxPerHost: 2, minIntervalMs: 1000, maxTotal: 4 });
        const durations = new Map<Request, number>();
        const all = jobs.map(([host, duration]) => {
          const { request, done } = ask(`http://${host}.gov.cn/`);
          durations.set(request, duration);
          return done;
        });
        // Drive time forward, finishing each request its duration after it started.
        for (let t = 0; t < 200_000 && requests.some((r) => r.startedAt === null || durations.has(r)); t += 100) {
          for (const r of requests) {
            if (r.startedAt !== null && durations.has(r) && timer.now() >= r.startedAt + durations.get(r)!) {
              durations.delete(r);
              r.finish();
            }
          }
          await timer.advance(100);
        }
        await Promise.all(all);
        expect(peak()).toBeLessThanOrEqual(4);
        for (const host of ['a', 'b', 'c']) {
          const starts = requests.filter((r) => r.host === `${host}.gov.cn`).map((r) => r.startedAt!);
          for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(1000);
          expect(peakPerHost.get(`${host}.gov.cn`) ?? 0).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 50 },
    );
  });
});
