// The monthly report as an official document (DOCX): A4 with the margins of GB/T 9704-2012
// 《党政机关公文格式》 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), a red bulletin head
// (title, issue, office and date, red rule), 黑体 headings, 仿宋_GB2312 body at 三号 on a fixed
// 28 pt line, bordered tables with a header row and 合计 last, and "— n —" page numbers.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  IFontAttributesProperties,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { chineseDate, monthLabel } from './month';
import { displayName, NEW_MEDIA_KINDS, PROBLEM_CATEGORY_LABELS } from './monthly-report';
import { MonthlyReport, NewMediaKind } from './reports.dto';

export const REPORT_FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  subheading: '楷体_GB2312',
  body: '仿宋_GB2312',
} as const;

export const REPORT_HEADINGS = ['一、基本情况', '二、发现的问题', '三、各单位合规情况', '四、逾期整改任务', '五、政务公开数据统计'] as const;

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const PAGE = { width: twips(210), height: twips(297) };
const MARGIN = { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const RED = 'C00000';
// Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
const SIZE = { title: 44, body: 32, table: 24, footer: 28 };
const LINE = 560; // 28 pt, exact: 22 lines a page, as the standard asks.

const KIND_LABELS: Record<NewMediaKind, string> = { wechat: '微信公众号', weibo: '微博', douyin: '抖音', toutiao: '今日头条', app: '移动客户端', other: '其他平台' };

function font(eastAsia: string): IFontAttributesProperties {
  return { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, cs: 'Times New Roman' };
}

const run = (text: string, options: { face?: string; size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: font(options.face ?? REPORT_FONTS.body), size: options.size ?? SIZE.body, bold: options.bold, color: options.color });

const body = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: { line: LINE, lineRule: 'exact' }, alignment: AlignmentType.JUSTIFIED });
const heading = (text: string) => new Paragraph({ children: [run(text, { face: REPORT_FONTS.heading })], indent: { firstLine: 640 }, spacing: { line: LINE, lineRule: 'exact' }, keepNext: true });
const subheading = (text: string) => new Paragraph({ children: [run(text, { face: REPORT_FONTS.subheading })], indent: { firstLine: 640 }, spacing: { line: LINE, lineRule: 'exact' }, keepNext: true });
const caption = (text: string) =>
  new Paragraph({ children: [run(text, { face: REPORT_FONTS.heading, size: SIZE.footer })], alignment: AlignmentType.CENTER, spacing: { before: 200, after: 100 }, keepNext: true });

const n = (value: number | null | undefined) => (value == null ? '' : value.toLocaleString('en-US'));
const percent = (rate: number | null) => (rate == null ? '—' : `${(rate * 100).toFixed(1)}%`);

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(headers: string[], rows: (string | number)[][], widths: number[], options: { totalRow?: boolean; leftColumns?: number[] } = {}): Table {
  const scale = TEXT_WIDTH / widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor(w * scale));
  const cell = (text: string | number, column: number, kind: 'header' | 'body' | 'total') =>
    new TableCell({
      width: { size: columnWidths[column], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: (options.leftColumns ?? [0]).includes(column) && kind === 'body' ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [run(String(text), { face: kind === 'header' ? REPORT_FONTS.heading : REPORT_FONTS.body, size: SIZE.table, bold: kind === 'total' })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, 'header')) }),
      ...rows.map((row, r) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, options.totalRow && r === rows.length - 1 ? 'total' : 'body')) })),
    ],
  });
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The rows of the two disclosure tables, 合计 last, as the DOCX and the XLSX both show them. */
export function disclosureTables(report: MonthlyReport) {
  const { cityDepartments, counties } = report.disclosure;
  return {
    cityDepartments: {
      headers: ['责任单位', '累计总条数', '本月发布数', '备注'],
      rows: [
        ...cityDepartments.rows.map((r) => [r.unitName, r.cumulativeTotal, r.monthCount, r.cumulativeTotal == null ? '未报送' : ''] as const),
        ['合计', cityDepartments.total.cumulativeTotal, cityDepartments.total.monthCount, ''] as const,
      ],
    },
    counties: {
      headers: ['责任单位', '主动公开总数', '其中本月公开数', '本月依申请公开数'],
      rows: [
        ...counties.rows.map((r) => [r.unitName, r.cumulativeTotal, r.monthCount, r.applicationCount] as const),
        ['合计', counties.total.cumulativeTotal, counties.total.monthCount, counties.total.applicationCount] as const,
      ],
    },
  };
}

export function officeName(report: MonthlyReport): string {
  return `${displayName(report.unit)}政务公开办`;
}

export function reportTitle(report: MonthlyReport): string {
  return `${displayName(report.unit)}政务公开工作月报`;
}

export async function renderReportDocx(report: MonthlyReport): Promise<Buffer> {
  const label = monthLabel(report.month);
  const b = report.basic;
  const c = report.channels;
  const children: (Paragraph | Table)[] = [];

  children.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 200 }, children: [run(reportTitle(report), { face: REPORT_FONTS.title, size: reportTitle(report).length <= 11 ? 60 : SIZE.title, color: RED })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(report.issue)] }),
    new Paragraph({
      tabStops: [{ type: 'right', position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      spacing: { after: 400 },
      children: [run(officeName(report)), new TextRun({ children: [new Tab(), chineseDate(report.generatedOn)], font: font(REPORT_FONTS.body), size: SIZE.body })],
    }),
  );

  children.push(heading(REPORT_HEADINGS[0]));
  children.push(
    body(
      `截至${label}底，${displayName(report.unit)}累计主动公开政府信息${n(b.cumulativeTotal)}条，其中县级${n(b.countyLevelTotal)}条、市级${n(b.cityLevelTotal)}条；${label}公开${n(b.monthCount)}条。`,
    ),
  );
  const kinds = NEW_MEDIA_KINDS.filter((k) => c.byKind[k] > 0).map((k) => `${KIND_LABELS[k]}${n(c.byKind[k])}个`);
  children.push(
    body(
      `本月监测政府网站${n(c.websites)}个、政务新媒体${n(c.newMedia)}个${kinds.length ? `（${kinds.join('、')}）` : ''}，` +
        `抽查${n(b.channelsSampled)}个，抽查率${percent(b.samplingRate)}；清单检查达标${n(b.met)}项、未达标${n(b.missed)}项，合规率${percent(b.complianceRate)}。`,
    ),
  );
  for (const note of report.notes) children.push(body(`说明：${note}`));

  children.push(heading(REPORT_HEADINGS[1]));
  const categories = [...new Set(report.problems.map((p) => p.category))];
  if (!categories.length) children.push(body('本月未发现问题。'));
  categories.forEach((category, i) => {
    const problems = report.problems.filter((p) => p.category === category);
    children.push(subheading(`（${CHINESE_ORDINALS[i] ?? i + 1}）${PROBLEM_CATEGORY_LABELS[category] ?? category}（${problems.length}个）`));
    children.push(body(`${problems.map((p) => p.text).join('；')}。`));
  });

  children.push(heading(REPORT_HEADINGS[2]));
  if (!report.compliance.length) children.push(body('本单位没有下级单位。'));
  else if (b.met + b.missed === 0) children.push(body('本月没有已确定结果的清单检查项，暂不计算合规率。'));
  else {
    children.push(caption('表1 各单位清单检查合规情况'));
    children.push(
      table(
        ['单位', '达标项', '未达标项', '合规率'],
        [...report.compliance.map((r) => [r.unitName, n(r.met), n(r.missed), percent(r.rate)]), ['合计', n(b.met), n(b.missed), percent(b.complianceRate)]],
        [40, 20, 20, 20],
        { totalRow: true },
      ),
    );
  }

  children.push(heading(REPORT_HEADINGS[3]));
  children.push(body(`截至${chineseDate(report.asOfDate)}，逾期未完成的整改任务共${n(report.overdueTasks)}项。`));
  if (report.overdueTaskList.length) {
    children.push(
      table(
        ['单位', '整改任务', '整改期限', '逾期工作日'],
        report.overdueTaskList.map((t) => [t.unitName, t.title, chineseDate(t.dueDate), t.overdueWorkingDays == null ? '—' : String(t.overdueWorkingDays)]),
        [20, 46, 18, 16],
        { leftColumns: [0, 1] },
      ),
    );
  }

  const tables = disclosureTables(report);
  children.push(heading(REPORT_HEADINGS[4]));
  children.push(caption(`表2 ${label}市直部门政务公开数据统计`));
  children.push(table(tables.cityDepartments.headers, tables.cityDepartments.rows.map((r) => r.map((v) => (typeof v === 'number' ? n(v) : v ?? ''))), [40, 20, 20, 20], { totalRow: true }));
  children.push(caption(`表3 ${label}县（市、区）政务公开数据统计`));
  children.push(table(tables.counties.headers, tables.counties.rows.map((r) => r.map((v) => (typeof v === 'number' ? n(v) : v ?? ''))), [28, 24, 24, 24], { totalRow: true }));

  const doc = new Document({
    creator: 'Duban 督办',
    title: `${reportTitle(report)}（${report.issue}）`,
    styles: { default: { document: { run: { font: font(REPORT_FONTS.body), size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: twips(15), footer: twips(28) } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.footer })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
