// Section 三 of the national template for the annual report on government information
// disclosure (政府信息公开工作年度报告), "收到和处理政府信息公开申请情况": applications received,
// carried over, every outcome, the total and what is carried forward, by the applicant's type.
// The 2019 regulation (《政府信息公开条例》) art. 50 requires the report to state how applications
// were received and handled; the template fixes the rows and columns (docs/deadlines.md "The
// annual report's table").
//
// The builder takes only counts — one number per (line, applicant type), what a GROUP BY gives —
// and computes every total itself, so a total can never disagree with its rows; then it checks
// the balance the template prints over the table: 第一项加第二项之和，等于第三项加第四项之和 —
// received + carried over = outcomes' total + carried forward, in every column.

export const APPLICANT_TYPES = ['natural_person', 'business', 'research', 'public_interest', 'legal_service', 'other'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
};

/** The template groups every applicant type but natural persons under 法人或其他组织. */
export const ORGANISATION_TYPES: readonly ApplicantType[] = ['business', 'research', 'public_interest', 'legal_service', 'other'];
export const ORGANISATION_GROUP_LABEL = '法人或其他组织';
export const APPLICANTS_HEADER_LABEL = '申请人情况';
export const TOTAL_COLUMN_LABEL = '总计';
export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const ANNUAL_TABLE_TITLE = '三、收到和处理政府信息公开申请情况';

export const ANNUAL_TABLE_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type AnnualTableColumn = (typeof ANNUAL_TABLE_COLUMNS)[number];
export type AnnualTableCounts = Record<AnnualTableColumn, number>;

/** How an application was concluded: one numbered line of the table's section 三. */
export const OUTCOME_CODES = [
  'public',
  'partial',
  'withheld_1',
  'withheld_2',
  'withheld_3',
  'withheld_4',
  'withheld_5',
  'withheld_6',
  'withheld_7',
  'withheld_8',
  'unavailable_1',
  'unavailable_2',
  'unavailable_3',
  'not_processed_1',
  'not_processed_2',
  'not_processed_3',
  'not_processed_4',
  'not_processed_5',
  'other_1',
  'other_2',
  'other_3',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export function isOutcomeCode(value: unknown): value is OutcomeCode {
  return typeof value === 'string' && (OUTCOME_CODES as readonly string[]).includes(value);
}

export const OUTCOME_LABELS: Record<OutcomeCode, string> = {
  public: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  withheld_1: '1.属于国家秘密',
  withheld_2: '2.其他法律行政法规禁止公开',
  withheld_3: '3.危及"三安全一稳定"',
  withheld_4: '4.保护第三方合法权益',
  withheld_5: '5.属于三类内部事务信息',
  withheld_6: '6.属于四类过程性信息',
  withheld_7: '7.属于行政执法案卷',
  withheld_8: '8.属于行政查询事项',
  unavailable_1: '1.本机关不掌握相关政府信息',
  unavailable_2: '2.没有现成信息需要另行制作',
  unavailable_3: '3.补正后申请内容仍不明确',
  not_processed_1: '1.信访举报投诉类申请',
  not_processed_2: '2.重复申请',
  not_processed_3: '3.要求提供公开出版物',
  not_processed_4: '4.无正当理由大量反复申请',
  not_processed_5: '5.要求行政机关确认或重新出具已获取信息',
  other_1: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  other_2: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  other_3: '3.其他',
};

/** The lines the builder is given counts for; every other row is computed from them. */
export const COUNTED_LINES = ['received', 'carried_over', ...OUTCOME_CODES, 'carried_forward'] as const;
export type CountedLine = (typeof COUNTED_LINES)[number];

/** The headings （三）…（六）, each over the outcome codes that start with its code. */
type OutcomeGroup = 'withheld' | 'unavailable' | 'not_processed' | 'other';
export type AnnualTableRowCode = CountedLine | 'results' | OutcomeGroup | 'total';

/**
 * count: counted (given to the builder); subtotal: a heading whose counts are the sum of the rows
 * under it (三 and （三）…（六）, which the template prints as labels beside their lines); total:
 * （七）总计, the sum of every outcome line.
 */
export type AnnualTableRowKind = 'count' | 'subtotal' | 'total';

export interface AnnualTableRowDefinition {
  code: AnnualTableRowCode;
  label: string;
  kind: AnnualTableRowKind;
  /** The heading the row sits under: 三 for （一）…（七）, （三）…（六） for their numbered lines. */
  parent: AnnualTableRowCode | null;
}

const outcomeLines = (prefix: OutcomeGroup): AnnualTableRowDefinition[] =>
  OUTCOME_CODES.filter((code) => code.startsWith(`${prefix}_`)).map((code) => ({ code, label: OUTCOME_LABELS[code], kind: 'count', parent: prefix }));

/** Every line of section 三, in the template's order, with its label as the template prints it. */
export const ANNUAL_TABLE_ROWS: readonly AnnualTableRowDefinition[] = [
  { code: 'received', label: '一、本年新收政府信息公开申请数量', kind: 'count', parent: null },
  { code: 'carried_over', label: '二、上年结转政府信息公开申请数量', kind: 'count', parent: null },
  { code: 'results', label: '三、本年度办理结果', kind: 'subtotal', parent: null },
  { code: 'public', label: OUTCOME_LABELS.public, kind: 'count', parent: 'results' },
  { code: 'partial', label: OUTCOME_LABELS.partial, kind: 'count', parent: 'results' },
  { code: 'withheld', label: '（三）不予公开', kind: 'subtotal', parent: 'results' },
  ...outcomeLines('withheld'),
  { code: 'unavailable', label: '（四）无法提供', kind: 'subtotal', parent: 'results' },
  ...outcomeLines('unavailable'),
  { code: 'not_processed', label: '（五）不予处理', kind: 'subtotal', parent: 'results' },
  ...outcomeLines('not_processed'),
  { code: 'other', label: '（六）其他处理', kind: 'subtotal', parent: 'results' },
  ...outcomeLines('other'),
  { code: 'total', label: '（七）总计', kind: 'total', parent: 'results' },
  { code: 'carried_forward', label: '四、结转下年度继续办理', kind: 'count', parent: null },
];

export interface AnnualTableRow {
  code: AnnualTableRowCode;
  label: string;
  kind: AnnualTableRowKind;
  counts: AnnualTableCounts;
}

export interface AnnualTable {
  year: number;
  unitId: number;
  rows: AnnualTableRow[];
}

/**
 * One count for the table. What each line counts, for a unit and a year (all by the application's
 * applicant type):
 *  - received: applications received (receivedOn) in the year;
 *  - carried_over: applications received before the year and not replied by 12-31 of the year before;
 *  - an outcome code: applications replied in the year with that outcome;
 *  - carried_forward: applications received by 12-31 of the year — in it or before — and not
 *    replied by then. Applications carried in and still open at the year's end are carried
 *    forward again; without them the template's balance would not hold.
 * The same (line, applicant type) given twice adds up.
 */
export interface AnnualTableCount {
  line: CountedLine;
  applicantType: ApplicantType;
  count: number;
}

/** The counts do not make a table: a programming error in whatever counted them, never bad user input. */
export class AnnualTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnualTableError';
  }
}

export function buildAnnualTable(year: number, unitId: number, counts: Iterable<AnnualTableCount>): AnnualTable {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new AnnualTableError(`year must be a whole year, got ${year}`);
  const byLine = new Map<AnnualTableRowCode, AnnualTableCounts>(ANNUAL_TABLE_ROWS.map((row) => [row.code, zeroCounts()]));
  for (const { line, applicantType, count } of counts) {
    if (!(COUNTED_LINES as readonly string[]).includes(line)) throw new AnnualTableError(`unknown line ${JSON.stringify(line)}`);
    if (!(APPLICANT_TYPES as readonly string[]).includes(applicantType)) {
      throw new AnnualTableError(`unknown applicant type ${JSON.stringify(applicantType)}`);
    }
    if (!Number.isSafeInteger(count) || count < 0) throw new AnnualTableError(`${line}/${applicantType}: a count must be a whole number ≥ 0, got ${count}`);
    byLine.get(line)![applicantType] += count;
  }

  for (const row of ANNUAL_TABLE_ROWS) {
    if (row.kind === 'count') continue;
    const sum = byLine.get(row.code)!;
    for (const line of outcomeLinesUnder(row.code)) {
      for (const type of APPLICANT_TYPES) sum[type] += byLine.get(line)![type];
    }
  }
  for (const sum of byLine.values()) sum.total = APPLICANT_TYPES.reduce((total, type) => total + sum[type], 0);

  const line = (code: AnnualTableRowCode) => byLine.get(code)!;
  for (const column of ANNUAL_TABLE_COLUMNS) {
    const inflow = line('received')[column] + line('carried_over')[column];
    const outflow = line('total')[column] + line('carried_forward')[column];
    if (inflow !== outflow) {
      throw new AnnualTableError(
        `${year} table of unit ${unitId} does not balance in column ${column}: received ${line('received')[column]} + carried over ` +
          `${line('carried_over')[column]} ≠ replied ${line('total')[column]} + carried forward ${line('carried_forward')[column]}`,
      );
    }
  }
  return { year, unitId, rows: ANNUAL_TABLE_ROWS.map(({ code, label, kind }) => ({ code, label, kind, counts: line(code) })) };
}

/** The outcome lines a heading or the total adds up: every one under it, however deep. */
function outcomeLinesUnder(code: AnnualTableRowCode): OutcomeCode[] {
  if (code === 'results' || code === 'total') return [...OUTCOME_CODES];
  return OUTCOME_CODES.filter((outcome) => ANNUAL_TABLE_ROWS.find((row) => row.code === outcome)!.parent === code);
}

function zeroCounts(): AnnualTableCounts {
  return { natural_person: 0, business: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 0 };
}
