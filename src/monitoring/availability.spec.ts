import fc from 'fast-check';
import {
  availabilityMet,
  classifyProbe,
  INITIAL_OUTAGE_STATE,
  nextOutageState,
  OutageAlert,
  OutageState,
  outageDedupeKey,
  ProbeRow,
  summariseAvailability,
  weekWindow,
} from './availability';

const HOUR = 3_600_000;
const START = Date.parse('2022-09-26T00:00:00+08:00'); // a Monday

/** Hourly probes from START: `.` good, `x` failed. */
function probes(pattern: string, start = START): ProbeRow[] {
  return [...pattern].map((c, i) => ({ at: new Date(start + i * HOUR), ok: c === '.', status: c === '.' ? 200 : 503, ms: 120, error: c === '.' ? null : 'HTTP 503（服务不可用）' }));
}

function alertsOf(rows: ProbeRow[], downAfter = 3, state: OutageState = INITIAL_OUTAGE_STATE): { alerts: OutageAlert[]; state: OutageState } {
  const alerts: OutageAlert[] = [];
  for (const row of rows) {
    const step = nextOutageState(state, row, downAfter);
    state = step.state;
    if (step.alert) alerts.push(step.alert);
  }
  return { alerts, state };
}

describe('classifyProbe', () => {
  it.each([
    [{ status: 200, ms: 340 }, { ok: true, status: 200, ms: 340, error: null }],
    [{ status: 304, ms: 80 }, { ok: true, status: 304, ms: 80, error: null }],
    [{ status: 200, ms: 15_000 }, { ok: true, status: 200, ms: 15_000, error: null }],
    [{ status: 200, ms: 15_001 }, { ok: false, status: null, ms: 15_001, error: '超过 15 秒无应答' }],
    [{ ms: 15_000, timedOut: true }, { ok: false, status: null, ms: 15_000, error: '超过 15 秒无应答' }],
    [{ status: 404, ms: 50 }, { ok: false, status: 404, ms: 50, error: 'HTTP 404（页面不存在）' }],
    [{ status: 500, ms: 50 }, { ok: false, status: 500, ms: 50, error: 'HTTP 500（服务器内部错误）' }],
    [{ status: 418, ms: 50 }, { ok: false, status: 418, ms: 50, error: 'HTTP 418' }],
    [{ ms: 3, errorCode: 'ECONNREFUSED', errorMessage: 'connect ECONNREFUSED 1.2.3.4:80' }, { ok: false, status: null, ms: 3, error: '连接被拒绝（ECONNREFUSED）' }],
    [{ ms: 30, errorCode: 'ENOTFOUND' }, { ok: false, status: null, ms: 30, error: '域名无法解析（ENOTFOUND）' }],
    [{ ms: 90, errorCode: 'CERT_HAS_EXPIRED' }, { ok: false, status: null, ms: 90, error: 'HTTPS 证书无效（CERT_HAS_EXPIRED）' }],
    [{ ms: 20, errorCode: 'TOO_MANY_REDIRECTS', status: 302 }, { ok: false, status: 302, ms: 20, error: '重定向次数过多（TOO_MANY_REDIRECTS）' }],
    [{ ms: 20, errorCode: 'EWHATEVER', errorMessage: 'socket went away' }, { ok: false, status: null, ms: 20, error: '无法访问：socket went away' }],
  ])('judges %p', (attempt, result) => {
    expect(classifyProbe(attempt)).toEqual(result);
  });
});

describe('outage alerts', () => {
  it.each([
    ['...', 3, ''],
    ['..xx..', 3, ''],
    ['..xxx..', 3, 'site_down@4 site_up@5'],
    ['xxxxxxxx', 3, 'site_down@2'],
    ['xxx.xxx.', 3, 'site_down@2 site_up@3 site_down@6 site_up@7'],
    ['x.x.x.x.', 1, 'site_down@0 site_up@1 site_down@2 site_up@3 site_down@4 site_up@5 site_down@6 site_up@7'],
    ['xx.xx.xx', 3, ''],
  ])('%s with down after %d failures raises %p', (pattern, downAfter, expected) => {
    const { alerts } = alertsOf(probes(pattern), downAfter);
    expect(alerts.map((a) => `${a.kind}@${(a.at.getTime() - START) / HOUR}`).join(' ')).toBe(expected);
  });

  it('dates both alerts of an outage from its first failed probe, and keys them by it', () => {
    const { alerts } = alertsOf(probes('.xxxx..'));
    const started = new Date(START + HOUR);
    expect(alerts).toEqual([
      { kind: 'site_down', at: new Date(START + 3 * HOUR), outageStartedAt: started, failures: 3 },
      { kind: 'site_up', at: new Date(START + 5 * HOUR), outageStartedAt: started, downMs: 4 * HOUR },
    ]);
    expect(alerts.map((a) => outageDedupeKey(42, a))).toEqual([`channel-42-site-down-${started.getTime()}`, `channel-42-site-up-${started.getTime()}`]);
  });

  const patterns = fc.array(fc.boolean(), { maxLength: 200 });

  it('raises exactly one down and at most one up per outage, alternating, and one down per run of N failures', () => {
    fc.assert(
      fc.property(patterns, fc.integer({ min: 1, max: 5 }), (oks, downAfter) => {
        const rows = probes(oks.map((ok) => (ok ? '.' : 'x')).join(''));
        const { alerts, state } = alertsOf(rows, downAfter);
        alerts.forEach((a, i) => expect(a.kind).toBe(i % 2 === 0 ? 'site_down' : 'site_up'));
        const runs = oks
          .map((ok) => (ok ? '.' : 'x'))
          .join('')
          .split('.')
          .filter((run) => run.length >= downAfter).length;
        expect(alerts.filter((a) => a.kind === 'site_down')).toHaveLength(runs);
        expect(alerts.filter((a) => a.kind === 'site_up')).toHaveLength(state.down ? runs - 1 : runs);
      }),
    );
  });

  it('gives the same alerts whether the probes are replayed at once or one job at a time with the state stored between', () => {
    fc.assert(
      fc.property(patterns, fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 20 }), (oks, cuts) => {
        const rows = probes(oks.map((ok) => (ok ? '.' : 'x')).join(''));
        const whole = alertsOf(rows).alerts;
        let state = INITIAL_OUTAGE_STATE;
        const pieces: OutageAlert[] = [];
        let i = 0;
        for (const size of [...cuts, rows.length]) {
          const step = alertsOf(rows.slice(i, i + size), 3, JSON.parse(JSON.stringify(state), (k, v) => (k === 'failingSince' && v ? new Date(v) : v)));
          pieces.push(...step.alerts);
          state = step.state;
          i += size;
        }
        expect(pieces).toEqual(whole);
      }),
    );
  });
});

describe('summariseAvailability', () => {
  const week = weekWindow('2022-09-29', 'Asia/Shanghai');

  it('counts the week’s probes and failures and lists its downtimes', () => {
    const rows = probes('....xxxx...x.....xxx' + '.'.repeat(148));
    expect(summariseAvailability(rows, week)).toEqual({
      probes: 168,
      failed: 8,
      rate: 160 / 168,
      downtimes: [
        { from: new Date(START + 4 * HOUR), to: new Date(START + 8 * HOUR) },
        { from: new Date(START + 17 * HOUR), to: new Date(START + 20 * HOUR) },
      ],
    });
  });

  it('includes an outage that began before the window and one still open at its end, and leaves out probes outside it', () => {
    const before = probes('xxx', START - 3 * HOUR);
    const inside = probes('xx' + '.'.repeat(160) + 'xxxx');
    const after = probes('xx', week.to.getTime());
    const summary = summariseAvailability([...before, ...inside, ...after], week);
    expect(summary.probes).toBe(166);
    expect(summary.failed).toBe(2 + 4);
    expect(summary.downtimes).toEqual([
      { from: new Date(START - 3 * HOUR), to: new Date(START + 2 * HOUR) },
      { from: new Date(START + 162 * HOUR), to: null },
    ]);
  });

  it('has no rate without probes', () => {
    expect(summariseAvailability([], week)).toEqual({ probes: 0, failed: 0, rate: null, downtimes: [] });
  });
});

describe('availabilityMet (failed < 5% of the week’s probes)', () => {
  it.each([
    [168, 0, true],
    [168, 8, true], // 4.76%
    [168, 9, false], // 5.36%
    [20, 1, false], // exactly 5% is a veto
    [21, 1, true],
    [0, 0, null],
  ])('%d probes, %d failed: %p', (total, failed, met) => {
    expect(availabilityMet(total, failed)).toBe(met);
  });
});

describe('weekWindow', () => {
  it('runs from Monday 00:00 to the next Monday 00:00 local', () => {
    expect(weekWindow('2023-01-01', 'Asia/Shanghai')).toEqual({
      monday: '2022-12-26',
      sunday: '2023-01-01',
      from: new Date('2022-12-25T16:00:00Z'),
      to: new Date('2023-01-01T16:00:00Z'),
    });
  });
});
