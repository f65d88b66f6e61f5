import { HOLIDAY_YEARS } from '../calendar/holiday-data';
import { buildYearDays, WorkingCalendar } from '../calendar/working-days';
import { DemoFate, DemoTask, fateOf, nextDemoAction } from './demo-actions';

const calendar = new WorkingCalendar([2022].flatMap((year) => buildYearDays(year, HOLIDAY_YEARS[year].holidays, HOLIDAY_YEARS[year].makeupWorkdays)));
const after = (date: string, n: number) => calendar.addWorkingDays(date, n);

// Opened on Thursday 2022-09-29, the day before the National Day holiday (10-01 … 10-07; 10-08 and 10-09 are make-up working days).
const task = (fields: Partial<DemoTask> = {}): DemoTask => ({
  id: 2,
  status: 'open',
  category: 'not_updated',
  opened: '2022-09-29',
  dueLastDay: '2022-10-09',
  submitted: null,
  rejected: null,
  reworkCount: 0,
  ...fields,
});

describe('what the demo units and supervisors do', () => {
  it('gives every task one of the fates, in roughly the planned shares, and scripts the demo operator’s unit', () => {
    const counts: Record<string, number> = {};
    for (let id = 1; id <= 2000; id++) counts[fateOf(id, 'GZ-X')] = (counts[fateOf(id, 'GZ-X')] ?? 0) + 1;
    expect(Object.keys(counts).sort()).toEqual(['ignored', 'late', 'prompt', 'reworked', 'stuck']);
    expect(counts.prompt / 2000).toBeGreaterThan(0.22);
    expect(counts.ignored / 2000).toBeGreaterThan(0.2);
    expect(fateOf(1, 'GZ-C04-D-JT')).toBe('stuck');
    expect(fateOf(7, 'GZ-X')).toBe(fateOf(7, 'GZ-X'));
  });

  it.each<[DemoFate, Partial<DemoTask>, { action: string; day: string } | null]>([
    // Submitted on the first or second working day after opening: 09-30, then 10-08 (make-up Saturday).
    ['prompt', { id: 1 }, { action: 'submit', day: '2022-10-08' }],
    ['prompt', { id: 2 }, { action: 'submit', day: '2022-09-30' }],
    // Late: one to three working days after the last day (10-09): id 5 → three.
    ['late', { id: 5 }, { action: 'submit', day: '2022-10-12' }],
    ['ignored', {}, null],
    ['prompt', { status: 'submitted', submitted: '2022-09-30' }, { action: 'accept', day: '2022-10-08' }],
    ['reworked', { status: 'submitted', submitted: '2022-09-30' }, { action: 'reject', day: '2022-10-08' }],
    ['reworked', { status: 'submitted', submitted: '2022-10-11', reworkCount: 1 }, { action: 'accept', day: '2022-10-12' }],
    ['reworked', { status: 'rejected', rejected: '2022-10-08', reworkCount: 1 }, { action: 'submit', day: '2022-10-10' }],
    ['stuck', { status: 'submitted', submitted: '2022-09-30' }, { action: 'reject', day: '2022-10-08' }],
    ['stuck', { status: 'rejected', rejected: '2022-10-08', reworkCount: 1 }, null],
  ])('%s, %j → %j', (fate, fields, expected) => {
    const action = nextDemoAction(task(fields), fate, after);
    expect(action && { action: action.action, day: action.day }).toEqual(expected);
    if (action) {
      expect(action.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(action.minute).toBeLessThan(18 * 60);
      expect(action.text).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('does nothing when the next working day is in a year without calendar data', () => {
    expect(nextDemoAction(task(), 'prompt', () => null)).toBeNull();
  });
});
