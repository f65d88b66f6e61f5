import ExcelJS from 'exceljs';
import fc from 'fast-check';
import {
  ANNUAL_TABLE_COLUMNS,
  AnnualTableCount,
  AnnualTableError,
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  ApplicantType,
  buildAnnualTable,
  CountedLine,
  OUTCOME_CODES,
} from './annual-table';
import { ANNUAL_TABLE_SHEET, renderAnnualTableXlsx } from './annual-table-xlsx';

// Section 三 of the national template as the design writes it, line by line.
const TEMPLATE_ROWS: [string, string][] = [
  ['received', '一、本年新收政府信息公开申请数量'],
  ['carried_over', '二、上年结转政府信息公开申请数量'],
  ['results', '三、本年度办理结果'],
  ['public', '（一）予以公开'],
  ['partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['withheld', '（三）不予公开'],
  ['withheld_1', '1.属于国家秘密'],
  ['withheld_2', '2.其他法律行政法规禁止公开'],
  ['withheld_3', '3.危及"三安全一稳定"'],
  ['withheld_4', '4.保护第三方合法权益'],
  ['withheld_5', '5.属于三类内部事务信息'],
  ['withheld_6', '6.属于四类过程性信息'],
  ['withheld_7', '7.属于行政执法案卷'],
  ['withheld_8', '8.属于行政查询事项'],
  ['unavailable', '（四）无法提供'],
  ['unavailable_1', '1.本机关不掌握相关政府信息'],
  ['unavailable_2', '2.没有现成信息需要另行制作'],
  ['unavailable_3', '3.补正后申请内容仍不明确'],
  ['not_processed', '（五）不予处理'],
  ['not_processed_1', '1.信访举报投诉类申请'],
  ['not_processed_2', '2.重复申请'],
  ['not_processed_3', '3.要求提供公开出版物'],
  ['not_processed_4', '4.无正当理由大量反复申请'],
  ['not_processed_5', '5.要求行政机关确认或重新出具已获取信息'],
  ['other', '（六）其他处理'],
  ['other_1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['other_2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['other_3', '3.其他'],
  ['total', '（七）总计'],
  ['carried_forward', '四、结转下年度继续办理'],
];

type Counts = Partial<Record<ApplicantType, number>>;
const counts = (line: CountedLine, byType: Counts): AnnualTableCount[] =>
  Object.entries(byType).map(([applicantType, count]) => ({ line, applicantType: applicantType as ApplicantType, count: count! }));
const row = (np: number, business: number, research: number, publicInterest: number, legal: number, other: number, total: number) => ({
  natural_person: np,
  business,
  research,
  public_interest: publicInterest,
  legal_service: legal,
  other,
  total,
});

// A county department's year: 38 new, 4 carried in; 32 concluded, 10 carried forward.
const EXAMPLE: AnnualTableCount[] = [
  ...counts('received', { natural_person: 30, business: 5, research: 1, legal_service: 2 }),
  ...counts('carried_over', { natural_person: 3, business: 1 }),
  ...counts('public', { natural_person: 12, business: 2 }),
  ...counts('partial', { natural_person: 4 }),
  ...counts('withheld_4', { natural_person: 1, business: 1 }),
  ...counts('withheld_6', { natural_person: 2 }),
  ...counts('unavailable_1', { natural_person: 5, research: 1 }),
  ...counts('not_processed_2', { natural_person: 1 }),
  ...counts('other_1', { natural_person: 2 }),
  ...counts('other_3', { legal_service: 1 }),
  ...counts('carried_forward', { natural_person: 6, business: 3, legal_service: 1 }),
];

describe('the annual table', () => {
  it('has every line of the template, in order, with its label', () => {
    const table = buildAnnualTable(2022, 7, []);
    expect(table.rows.map((r) => [r.code, r.label])).toEqual(TEMPLATE_ROWS);
    expect(table.rows.every((r) => Object.keys(r.counts).join() === ANNUAL_TABLE_COLUMNS.join())).toBe(true);
  });

  it('has the template columns: 自然人 · 法人或其他组织 (five types) · 总计', () => {
    expect(APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t])).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(ANNUAL_TABLE_COLUMNS).toEqual(['natural_person', 'business', 'research', 'public_interest', 'legal_service', 'other', 'total']);
  });

  it('outcome codes are the numbered lines under 三', () => {
    expect(OUTCOME_CODES).toEqual(TEMPLATE_ROWS.map(([code]) => code).filter((code) => /^(public|partial|[a-z_]+_\d)$/.test(code)));
  });

  it('computes the totals column, the headings’ sums and （七）总计 from the counts', () => {
    const table = buildAnnualTable(2022, 7, EXAMPLE);
    expect(table.year).toBe(2022);
    expect(table.unitId).toBe(7);
    const byCode = Object.fromEntries(table.rows.map((r) => [r.code, r]));
    expect(byCode.received.counts).toEqual(row(30, 5, 1, 0, 2, 0, 38));
    expect(byCode.carried_over.counts).toEqual(row(3, 1, 0, 0, 0, 0, 4));
    expect(byCode.public.counts).toEqual(row(12, 2, 0, 0, 0, 0, 14));
    expect(byCode.withheld).toMatchObject({ kind: 'subtotal', counts: row(3, 1, 0, 0, 0, 0, 4) });
    expect(byCode.withheld_1.counts).toEqual(row(0, 0, 0, 0, 0, 0, 0));
    expect(byCode.unavailable.counts).toEqual(row(5, 0, 1, 0, 0, 0, 6));
    expect(byCode.not_processed.counts).toEqual(row(1, 0, 0, 0, 0, 0, 1));
    expect(byCode.other.counts).toEqual(row(2, 0, 0, 0, 1, 0, 3));
    expect(byCode.total).toMatchObject({ kind: 'total', counts: row(27, 3, 1, 0, 1, 0, 32) });
    expect(byCode.results).toMatchObject({ kind: 'subtotal', counts: row(27, 3, 1, 0, 1, 0, 32) });
    expect(byCode.carried_forward).toMatchObject({ kind: 'count', counts: row(6, 3, 0, 0, 1, 0, 10) });
  });

  it('adds up a line and type given twice', () => {
    const table = buildAnnualTable(2022, 7, [...EXAMPLE, ...counts('received', { other: 1 }), ...counts('received', { other: 2 }), ...counts('carried_forward', { other: 3 })]);
    expect(table.rows.find((r) => r.code === 'received')!.counts.other).toBe(3);
  });

  it('refuses counts that do not balance, naming the column', () => {
    expect(() => buildAnnualTable(2022, 7, [...EXAMPLE, ...counts('received', { research: 1 })])).toThrow(
      new AnnualTableError('2022 table of unit 7 does not balance in column research: received 2 + carried over 0 ≠ replied 1 + carried forward 0'),
    );
  });

  it.each<[string, AnnualTableCount]>([
    ['a heading', { line: 'withheld' as CountedLine, applicantType: 'business', count: 0 }],
    ['（七）总计', { line: 'total' as CountedLine, applicantType: 'business', count: 0 }],
    ['an unknown applicant type', { line: 'public', applicantType: 'government' as ApplicantType, count: 0 }],
    ['a negative count', { line: 'public', applicantType: 'business', count: -1 }],
    ['a fractional count', { line: 'public', applicantType: 'business', count: 0.5 }],
  ])('refuses %s', (_case, count) => {
    expect(() => buildAnnualTable(2022, 7, [count])).toThrow(AnnualTableError);
  });

  it('balances whatever the counts, and every sum is the sum of its lines', () => {
    const typeCounts = fc.record(Object.fromEntries(APPLICANT_TYPES.map((t) => [t, fc.nat({ max: 50 })])) as Record<ApplicantType, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...OUTCOME_CODES), typeCounts), { maxLength: 30 }), typeCounts, typeCounts, (outcomes, carriedOver, carriedForward) => {
        // Received is whatever makes the year balance: concluded + carried forward − carried over, at least 0.
        const input: AnnualTableCount[] = outcomes.flatMap(([line, c]) => counts(line, c));
        const concluded = (t: ApplicantType) => outcomes.reduce((sum, [, c]) => sum + c[t], 0);
        const adjustedOver = Object.fromEntries(APPLICANT_TYPES.map((t) => [t, Math.min(carriedOver[t], concluded(t) + carriedForward[t])]));
        input.push(...counts('carried_over', adjustedOver), ...counts('carried_forward', carriedForward));
        input.push(...counts('received', Object.fromEntries(APPLICANT_TYPES.map((t) => [t, concluded(t) + carriedForward[t] - adjustedOver[t]]))));
        const table = buildAnnualTable(2023, 1, input);
        const byCode = Object.fromEntries(table.rows.map((r) => [r.code, r.counts]));
        for (const r of table.rows) expect(r.counts.total).toBe(APPLICANT_TYPES.reduce((sum, t) => sum + r.counts[t], 0));
        for (const t of ANNUAL_TABLE_COLUMNS) {
          expect(byCode.total[t]).toBe(OUTCOME_CODES.reduce((sum, code) => sum + byCode[code][t], 0));
          expect(byCode.total[t]).toBe(
            byCode.public[t] + byCode.partial[t] + byCode.withheld[t] + byCode.unavailable[t] + byCode.not_processed[t] + byCode.other[t],
          );
          expect(byCode.received[t] + byCode.carried_over[t]).toBe(byCode.total[t] + byCode.carried_forward[t]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the annual table as XLSX', () => {
  // The sheet read back cell by cell: every label where the national template puts it, every
  // number under its column, and the merged cells of its header and label columns.
  it('lays the table out as the national template, read back cell by cell', async () => {
    const buffer = await renderAnnualTableXlsx(buildAnnualTable(2022, 7, EXAMPLE), { unitName: '信丰县交通运输局' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(ANNUAL_TABLE_SHEET)!;
    expect(sheet).toBeDefined();

    expect([...sheet.model.merges].sort()).toEqual(
      [
        'A1:J1', 'A2:C4', 'D2:J2', 'D3:D4', 'E3:I3', 'J3:J4',
        'A5:C5', 'A6:C6', 'A7:A28', 'B7:C7', 'B8:C8', 'B9:B16', 'B17:B19', 'B20:B24', 'B25:B27', 'B28:C28', 'A29:C29',
      ].sort(),
    );

    const text = (address: string) => sheet.getCell(address).value;
    expect(text('A1')).toBe('2022年度 信丰县交通运输局 三、收到和处理政府信息公开申请情况');
    expect(text('A2')).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(text('D2')).toBe('申请人情况');
    expect(text('D3')).toBe('自然人');
    expect(text('E3')).toBe('法人或其他组织');
    expect(text('J3')).toBe('总计');
    expect(['E4', 'F4', 'G4', 'H4', 'I4'].map(text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);

    // [row, column of the label, label, numbers D…J]
    const lines: [number, string, string, number[]][] = [
      [5, 'A', '一、本年新收政府信息公开申请数量', [30, 5, 1, 0, 2, 0, 38]],
      [6, 'A', '二、上年结转政府信息公开申请数量', [3, 1, 0, 0, 0, 0, 4]],
      [7, 'B', '（一）予以公开', [12, 2, 0, 0, 0, 0, 14]],
      [8, 'B', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [4, 0, 0, 0, 0, 0, 4]],
      [9, 'C', '1.属于国家秘密', [0, 0, 0, 0, 0, 0, 0]],
      [12, 'C', '4.保护第三方合法权益', [1, 1, 0, 0, 0, 0, 2]],
      [14, 'C', '6.属于四类过程性信息', [2, 0, 0, 0, 0, 0, 2]],
      [16, 'C', '8.属于行政查询事项', [0, 0, 0, 0, 0, 0, 0]],
      [17, 'C', '1.本机关不掌握相关政府信息', [5, 0, 1, 0, 0, 0, 6]],
      [19, 'C', '3.补正后申请内容仍不明确', [0, 0, 0, 0, 0, 0, 0]],
      [21, 'C', '2.重复申请', [1, 0, 0, 0, 0, 0, 1]],
      [24, 'C', '5.要求行政机关确认或重新出具已获取信息', [0, 0, 0, 0, 0, 0, 0]],
      [25, 'C', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [2, 0, 0, 0, 0, 0, 2]],
      [27, 'C', '3.其他', [0, 0, 0, 0, 1, 0, 1]],
      [28, 'B', '（七）总计', [27, 3, 1, 0, 1, 0, 32]],
      [29, 'A', '四、结转下年度继续办理', [6, 3, 0, 0, 1, 0, 10]],
    ];
    for (const [r, column, label, numbers] of lines) {
      expect(text(`${column}${r}`)).toBe(label);
      expect(['D', 'E', 'F', 'G', 'H', 'I', 'J'].map((c) => text(`${c}${r}`))).toEqual(numbers);
    }
    expect(text('A7')).toBe('三、本年度办理结果');
    expect(text('B9')).toBe('（三）不予公开');
    expect(text('B17')).toBe('（四）无法提供');
    expect(text('B20')).toBe('（五）不予处理');
    expect(text('B25')).toBe('（六）其他处理');
    // Every one of the 25 lines, labels and numbers, and nothing below them.
    for (let r = 5; r <= 29; r++) expect(typeof text(`J${r}`)).toBe('number');
    expect(sheet.rowCount).toBe(29);
    for (let r = 9; r <= 27; r++) expect(typeof text(`C${r}`)).toBe('string');
  });

  it('leaves the unit name out when none is given', async () => {
    const buffer = await renderAnnualTableXlsx(buildAnnualTable(2023, 7, []));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.getWorksheet(ANNUAL_TABLE_SHEET)!.getCell('A1').value).toBe('2023年度 三、收到和处理政府信息公开申请情况');
  });
});
