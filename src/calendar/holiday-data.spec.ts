import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOLIDAY_DATA_SOURCE, HOLIDAY_YEARS } from './holiday-data';
import { validateYearNotice } from './working-days';

describe('shipped holiday data', () => {
  const years = Object.keys(HOLIDAY_YEARS).map(Number);

  it('covers every year from 2019 through 2026', () => {
    expect(years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it.each(Object.entries(HOLIDAY_YEARS))('%s is a sound notice', (year, notice) => {
    expect(validateYearNotice(Number(year), notice.holidays, notice.makeupWorkdays)).toEqual([]);
    expect(notice.holidays.length).toBeGreaterThan(20);
  });

  it('names its source and the package version it was generated from', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../node_modules/chinese-days/package.json'), 'utf8'));
    expect(HOLIDAY_DATA_SOURCE).toContain('国务院办公厅');
    expect(HOLIDAY_DATA_SOURCE).toContain(`chinese-days package v${pkg.version}`);
  });

  it('matches the chinese-days package it was generated from (regenerate with scripts/generate-holiday-data.ts)', () => {
    const data = JSON.parse(
      readFileSync(join(__dirname, '../../node_modules/chinese-days/dist/chinese-days.json'), 'utf8'),
    ) as Record<'holidays' | 'workdays', Record<string, string>>;
    for (const year of years) {
      const inYear = (d: string) => d.startsWith(`${year}-`);
      expect(HOLIDAY_YEARS[year].holidays).toEqual(
        Object.keys(data.holidays)
          .filter(inYear)
          .sort()
          .map((date) => ({ date, name: data.holidays[date].split(',')[1] })),
      );
      expect(HOLIDAY_YEARS[year].makeupWorkdays).toEqual(Object.keys(data.workdays).filter(inYear).sort());
    }
  });
});
