import { UNIT_KINDS, UNIT_LEVELS } from '../org/entities/unit.entity';
import { annualReportDue } from './annual-report-due';

describe('annualReportDue (2019 regulation art. 49)', () => {
  it.each([
    ['a city department', 'department', 'city', 2022, '2023-01-31', '2023-01-31T16:00:00.000Z'],
    ['a county department', 'department', 'county', 2023, '2024-01-31', '2024-01-31T16:00:00.000Z'],
    ['a city government', 'government', 'city', 2022, '2023-03-31', '2023-03-31T16:00:00.000Z'],
    // 2024-03-31 is a Sunday: a fixed date in the regulation does not roll over to Monday.
    ['a county government, its last day a Sunday', 'government', 'county', 2023, '2024-03-31', '2024-03-31T16:00:00.000Z'],
    // 2026-01-31 is a Saturday: no roll-over either.
    ['a department, its last day a Saturday', 'department', 'city', 2025, '2026-01-31', '2026-01-31T16:00:00.000Z'],
  ] as const)('%s (%s, %s): the %d report is due by 24:00 of %s', (_case, kind, level, year, lastDay, dueAt) => {
    const due = annualReportDue({ kind, level }, year, 'Asia/Shanghai');
    expect(due).toEqual({ lastDay, dueAt: new Date(dueAt) });
  });

  it('uses the time zone for 24:00', () => {
    expect(annualReportDue({ kind: 'department', level: 'city' }, 2022, 'UTC')!.dueAt).toEqual(new Date('2023-02-01T00:00:00Z'));
  });

  it.each([
    ['a township government (below county level)', 'government', 'township'],
    ['a township', 'township', 'township'],
    ['a village', 'village', 'village'],
    ['a department at township level', 'department', 'township'],
    ['a management committee', 'management_committee', 'county'],
    ['another kind of unit', 'other', 'city'],
  ] as const)('sets no date for %s', (_case, kind, level) => {
    expect(annualReportDue({ kind, level }, 2022, 'Asia/Shanghai')).toBeNull();
  });

  it('dates exactly the county-level-and-above governments and departments', () => {
    const dated = UNIT_KINDS.flatMap((kind) => UNIT_LEVELS.map((level) => ({ kind, level }))).filter((unit) => annualReportDue(unit, 2022, 'Asia/Shanghai') !== null);
    expect(dated).toEqual([
      { kind: 'government', level: 'city' },
      { kind: 'government', level: 'county' },
      { kind: 'department', level: 'city' },
      { kind: 'department', level: 'county' },
    ]);
  });

  it('refuses a year that is not one', () => {
    expect(() => annualReportDue({ kind: 'department', level: 'city' }, 2022.5, 'Asia/Shanghai')).toThrow(RangeError);
  });
});
