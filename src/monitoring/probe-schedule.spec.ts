import fc from 'fast-check';
import { nextProbeAt, probeDueBetween, probeOffsetMs } from './probe-schedule';

const HOUR = 3_600_000;

describe('probe schedule', () => {
  it('gives each channel a fixed offset within its interval, the same on every call (and so every replica)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 7 * 24 * HOUR }), (id, interval) => {
        const offset = probeOffsetMs(id, interval);
        expect(Number.isInteger(offset)).toBe(true);
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThan(interval);
        expect(probeOffsetMs(id, interval)).toBe(offset);
        expect(probeOffsetMs(String(id), interval)).toBe(offset);
      }),
    );
  });

  it('pins known offsets, so a change to the hash (which would move every schedule) is noticed', () => {
    // 1 → 00:19:57, 2 → 00:14:15, 3 → 00:04:45, 42 → 00:09:35, 14000 → 00:05:53 past each hour.
    expect([1, 2, 3, 42, 14000].map((id) => probeOffsetMs(id, HOUR))).toEqual([1_197_040, 855_080, 285_432, 575_473, 353_336]);
  });

  it('spreads 14,000 hourly probes evenly over the hour: no minute has more than 25% above the mean', () => {
    const perMinute = new Array<number>(60).fill(0);
    for (let id = 1; id <= 14_000; id++) perMinute[Math.floor(probeOffsetMs(id, HOUR) / 60_000)]++;
    const mean = 14_000 / 60;
    expect(Math.max(...perMinute)).toBeLessThan(mean * 1.25);
    expect(Math.min(...perMinute)).toBeGreaterThan(mean * 0.75);
    // Not all at :00: the first minute holds about its share, not the lot.
    expect(perMinute[0]).toBeLessThan(mean * 1.25);
  });

  it('the next probe is after the given instant, within one interval, on the channel’s slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 60_000, max: 24 * HOUR }), fc.integer({ min: 0, max: 4_000_000_000_000 }), (id, interval, t) => {
        const next = nextProbeAt(id, interval, new Date(t)).getTime();
        expect(next).toBeGreaterThan(t);
        expect(next - t).toBeLessThanOrEqual(interval);
        expect((((next - probeOffsetMs(id, interval)) % interval) + interval) % interval).toBe(0);
      }),
    );
  });

  it('a tick [from, to) selects a channel exactly when its slot falls inside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1_600_000_000_000, max: 1_700_000_000_000 }), fc.integer({ min: 1, max: 2 * HOUR }), (id, from, length) => {
        const slot = nextProbeAt(id, HOUR, new Date(from - 1)).getTime();
        expect(probeDueBetween(id, HOUR, new Date(from), new Date(from + length))).toBe(slot < from + length);
      }),
    );
  });

  it('consecutive one-minute ticks over an hour select every channel exactly once', () => {
    const start = Date.parse('2022-09-29T10:00:00+08:00');
    for (let id = 1; id <= 500; id++) {
      let times = 0;
      for (let m = 0; m < 60; m++) if (probeDueBetween(id, HOUR, new Date(start + m * 60_000), new Date(start + (m + 1) * 60_000))) times++;
      expect(times).toBe(1);
    }
  });
});
