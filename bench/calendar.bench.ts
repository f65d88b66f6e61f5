// Deadline throughput: the precomputed WorkingCalendar against the naive day-by-day walk, both
// including the time-zone step (instant → local start day → last day → 24:00 local instant).
//   npm run bench:calendar            (1 000 000 deadlines)
//   npm run bench:calendar -- --n 5000000
//   npm run bench:calendar -- --max-days 60   (longer periods; the naive walk grows with them)
// Targets: ≥ 500 000 deadlines/s and ≥ 10× the naive walk (a JS Date stepped a day at a time) on
// one core. A second, leaner walk over string dates is reported beside it for honesty.
import { HOLIDAY_YEARS } from '../src/calendar/holiday-data';
import { addDays, localDateOf, parseInstant, startOfLocalDay, utcOffsetMs } from '../src/common/time/local-date';
import {
  buildYearDays,
  CalendarDayRecord,
  CalendarYearMissingError,
  DayKind,
  naiveAddCalendarDays,
  naiveAddWorkingDays,
  PeriodCount,
  WorkingCalendar,
} from '../src/calendar/working-days';

const TIME_ZONE = 'Asia/Shanghai';
const TARGET_RATE = 500_000;
const TARGET_SPEEDUP = 10;
// The naive walk is run on at most this many of the same samples and its rate scaled from them.
const NAIVE_SAMPLES = 200_000;

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

// mulberry32: a tiny deterministic generator, so every run times the same deadlines.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seconds(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e9;
}

function main(): void {
  const n = argument('--n', 1_000_000);
  const seed = argument('--seed', 20220929);
  // Up to 200 days from a start in 2025 still ends within 2026, the last shipped year.
  const maxDays = Math.min(argument('--max-days', 20), 200);

  const records: CalendarDayRecord[] = Object.entries(HOLIDAY_YEARS).flatMap(([year, notice]) =>
    buildYearDays(Number(year), notice.holidays, notice.makeupWorkdays),
  );
  const calendar = new WorkingCalendar(records);

  // Starts anywhere in 2019–2025 local time.
  const from = parseInstant('2019-01-01T00:00', TIME_ZONE)!.getTime();
  const to = parseInstant('2026-01-01T00:00', TIME_ZONE)!.getTime();
  const next = random(seed);
  const starts = new Float64Array(n);
  const days = new Uint8Array(n);
  const counts: PeriodCount[] = new Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = Math.floor(from + next() * (to - from));
    days[i] = 1 + Math.floor(next() * maxDays);
    counts[i] = next() < 0.5 ? 'working' : 'calendar';
  }
  const checked = Math.min(n, NAIVE_SAMPLES);

  // Warm up both paths so the JIT has compiled them before timing.
  for (let i = 0; i < Math.min(n, 50_000); i++) calendar.deadline(new Date(starts[i]), days[i], counts[i], TIME_ZONE);

  const fastLastDays: string[] = new Array(checked);
  const fastDue = new Float64Array(checked);
  let sink = 0;
  const fastStart = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const { lastDay, dueAt } = calendar.deadline(new Date(starts[i]), days[i], counts[i], TIME_ZONE);
    sink += dueAt.getTime();
    if (i < checked) {
      fastLastDays[i] = lastDay;
      fastDue[i] = dueAt.getTime();
    }
  }
  const fastSeconds = seconds(fastStart);

  // The baseline a straightforward implementation would write: a map from date to kind and a
  // walk one day at a time, with the same time-zone conversions.
  const kinds = new Map<string, DayKind>(records.map((r) => [r.date, r.kind]));
  const isWorkingDay = (date: string): boolean => {
    const kind = kinds.get(date);
    if (kind === undefined) throw new CalendarYearMissingError(Number(date.slice(0, 4)));
    return kind === 'workday' || kind === 'makeup_workday';
  };
  const naiveDeadline = (start: Date, k: number, count: PeriodCount) => {
    const startDay = localDateOf(start, TIME_ZONE);
    const lastDay =
      count === 'working'
        ? naiveAddWorkingDays(isWorkingDay, startDay, k)
        : naiveAddCalendarDays(isWorkingDay, startDay, k);
    return { lastDay, dueAt: startOfLocalDay(addDays(lastDay, 1), TIME_ZONE) };
  };
  for (let i = 0; i < Math.min(checked, 20_000); i++) naiveDeadline(new Date(starts[i]), days[i], counts[i]);

  // The walk as it is most often written: a JS Date stepped a day at a time, formatted with
  // toISOString for each lookup (the local date carried as a shifted UTC date).
  const dateWalkDeadline = (start: Date, k: number, count: PeriodCount) => {
    const offset = utcOffsetMs(start, TIME_ZONE);
    const d = new Date(start.getTime() + offset);
    d.setUTCHours(0, 0, 0, 0);
    const key = () => d.toISOString().slice(0, 10);
    if (count === 'working') {
      for (let counted = 0; counted < k; ) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (isWorkingDay(key())) counted++;
      }
    } else {
      d.setUTCDate(d.getUTCDate() + k);
      while (!isWorkingDay(key())) d.setUTCDate(d.getUTCDate() + 1);
    }
    const lastDay = key();
    d.setUTCDate(d.getUTCDate() + 1);
    return { lastDay, dueAt: new Date(d.getTime() - utcOffsetMs(d.getTime() - offset, TIME_ZONE)) };
  };
  for (let i = 0; i < Math.min(checked, 20_000); i++) dateWalkDeadline(new Date(starts[i]), days[i], counts[i]);
  const dateWalkStart = process.hrtime.bigint();
  for (let i = 0; i < checked; i++) {
    const { lastDay, dueAt } = dateWalkDeadline(new Date(starts[i]), days[i], counts[i]);
    if (lastDay !== fastLastDays[i] || dueAt.getTime() !== fastDue[i]) throw new Error(`Date walk disagrees at sample ${i}`);
  }
  const dateWalkSeconds = seconds(dateWalkStart);

  let disagreements = 0;
  const naiveStart = process.hrtime.bigint();
  const naiveLastDays: string[] = new Array(checked);
  const naiveDue = new Float64Array(checked);
  for (let i = 0; i < checked; i++) {
    const { lastDay, dueAt } = naiveDeadline(new Date(starts[i]), days[i], counts[i]);
    naiveLastDays[i] = lastDay;
    naiveDue[i] = dueAt.getTime();
  }
  const naiveSeconds = seconds(naiveStart);
  for (let i = 0; i < checked; i++) {
    if (naiveLastDays[i] !== fastLastDays[i] || naiveDue[i] !== fastDue[i]) {
      if (disagreements++ < 5) {
        console.error(
          `disagree: start ${new Date(starts[i]).toISOString()} ${days[i]} ${counts[i]} days: ` +
            `calendar ${fastLastDays[i]} / naive ${naiveLastDays[i]}`,
        );
      }
    }
  }

  // The counting step alone (local start date in, last day out), where the two differ; the
  // end-to-end figures above share the time-zone conversions and the Date allocations.
  const startDays: string[] = new Array(checked);
  for (let i = 0; i < checked; i++) startDays[i] = localDateOf(new Date(starts[i]), TIME_ZONE);
  const countFast = (i: number) =>
    counts[i] === 'working'
      ? calendar.addWorkingDays(startDays[i], days[i])
      : calendar.addCalendarDays(startDays[i], days[i]);
  const countNaive = (i: number) =>
    counts[i] === 'working'
      ? naiveAddWorkingDays(isWorkingDay, startDays[i], days[i])
      : naiveAddCalendarDays(isWorkingDay, startDays[i], days[i]);
  for (let i = 0; i < Math.min(checked, 20_000); i++) sink += countFast(i).length + countNaive(i).length;
  const countFastStart = process.hrtime.bigint();
  for (let i = 0; i < checked; i++) sink += countFast(i).length;
  const countFastSeconds = seconds(countFastStart);
  const countNaiveStart = process.hrtime.bigint();
  for (let i = 0; i < checked; i++) sink += countNaive(i).length;
  const countNaiveSeconds = seconds(countNaiveStart);

  const fastRate = n / fastSeconds;
  const naiveRate = checked / naiveSeconds;
  const dateWalkRate = checked / dateWalkSeconds;
  const speedUp = fastRate / dateWalkRate;
  const row = (label: string, count: number, secs: number, rate: number) =>
    `${label.padEnd(24)}${count.toLocaleString('en-US').padStart(12)}${secs.toFixed(3).padStart(10)} s${Math.round(rate).toLocaleString('en-US').padStart(14)} /s`;

  console.log(`deadlines in ${TIME_ZONE}, starts 2019–2025, 1–${maxDays} days, working/calendar mixed, seed ${seed}`);
  console.log(`${'implementation'.padEnd(24)}${'deadlines'.padStart(12)}${'time'.padStart(12)}${'rate'.padStart(16)}`);
  console.log(row('WorkingCalendar', n, fastSeconds, fastRate));
  console.log(row('naive walk, JS Date', checked, dateWalkSeconds, dateWalkRate));
  console.log(row('naive walk, string dates', checked, naiveSeconds, naiveRate));
  if (checked < n) console.log(`(naive walks timed on the first ${checked.toLocaleString('en-US')} samples; their rates are per deadline)`);
  console.log(`speed-up: ${speedUp.toFixed(1)}× the JS Date walk (the baseline), ${(fastRate / naiveRate).toFixed(1)}× the string-date walk`);
  console.log('counting step only (local date → last day, no time zone):');
  console.log(row('WorkingCalendar', checked, countFastSeconds, checked / countFastSeconds));
  console.log(row('naive day-by-day walk', checked, countNaiveSeconds, checked / countNaiveSeconds));
  console.log(`speed-up: ${(countNaiveSeconds / countFastSeconds).toFixed(1)}×`);
  console.log(`agreement: ${checked - disagreements} of ${checked.toLocaleString('en-US')} sampled deadlines identical`);
  console.log(
    `targets: rate ≥ ${TARGET_RATE.toLocaleString('en-US')}/s ${fastRate >= TARGET_RATE ? 'met' : 'MISSED'}; ` +
      `speed-up ≥ ${TARGET_SPEEDUP}× ${speedUp >= TARGET_SPEEDUP ? 'met' : 'MISSED'}`,
  );
  if (sink === 0) console.log(''); // keeps the timed loop's result observable
  if (disagreements > 0) process.exitCode = 1;
}

main();
