import { UnitKind, UnitLevel } from '../org/entities/unit.entity';
import { ChannelKind } from '../channels/entities/channel.entity';

export type RequirementKind = 'publication_frequency' | 'silence' | 'response_deadline' | 'interpretation_link' | 'attestation';
export type Severity = 'normal' | 'major' | 'veto';
/** How a miss is named in reports and tasks (DESIGN.md "Reports": problems grouped by category). */
export type ProblemCategory = 'not_updated' | 'no_interaction' | 'overdue_reply' | 'policy_unlinked' | 'duty_roster' | 'typo' | 'broken_link' | 'other';

/** How people read a frequency rule's period (console pages). */
export const PERIOD_LABELS: Record<'day' | 'workday' | 'week', string> = { day: '每天', workday: '每个工作日', week: '每周（周一至周日）' };

export type RequirementParams =
  | { period: 'day' | 'workday' | 'week'; min: number; finalizeAfterDays: number }
  | { period: 'day'; windowDays: number; min: number; finalizeAfterDays: number }
  | { days: number; count: 'working' | 'calendar'; finalizeAfterDays: number }
  | { finalizeAfterDays: number };

/**
 * Who a rule applies to. `channelKinds: 'new_media'` means every kind but website. A unit
 * filter is a list of (kinds × levels) alternatives; an empty list means every unit.
 */
export interface AppliesTo {
  subject: 'channel' | 'message' | 'policy_document' | 'unit';
  channelKinds?: ChannelKind[] | 'new_media';
  messageCategory?: 'simple' | 'general';
  units?: { kinds?: UnitKind[]; levels?: UnitLevel[] }[];
}

export interface BuiltInRequirement {
  code: string;
  title: string;
  kind: RequirementKind;
  params: RequirementParams;
  appliesTo: AppliesTo;
  problemCategory: ProblemCategory;
  sourceDocument: string;
  sourceClause: string;
  severity: Severity;
  deductionPoints: number;
}

const MONTHLY_REPORT = '赣州市政务公开办《政务公开工作月报》（2022年第7期）';
const CHECK_INDICATORS = '国务院办公厅秘书局《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）';

/** The catalogue of DESIGN.md; codes are stable and used by the API and the reports. */
export const BUILT_IN_REQUIREMENTS: BuiltInRequirement[] = [
  {
    code: 'WEBSITE_DAILY_UPDATE',
    title: '政府网站首页信息每天至少更新一次',
    kind: 'publication_frequency',
    params: { period: 'day', min: 1, finalizeAfterDays: 2 },
    appliesTo: { subject: 'channel', channelKinds: ['website'] },
    problemCategory: 'not_updated',
    sourceDocument: MONTHLY_REPORT,
    sourceClause: '工作要求第1条：政府网站首页信息每天至少更新一次',
    severity: 'normal',
    deductionPoints: 0.5,
  },
  {
    code: 'GOV_NEW_MEDIA_WORKDAY_UPDATE',
    title: '市、县级人民政府政务新媒体保持每个工作日更新',
    kind: 'publication_frequency',
    params: { period: 'workday', min: 1, finalizeAfterDays: 2 },
    appliesTo: { subject: 'channel', channelKinds: 'new_media', units: [{ kinds: ['government', 'management_committee'], levels: ['city', 'county'] }] },
    problemCategory: 'not_updated',
    sourceDocument: MONTHLY_REPORT,
    sourceClause: '工作要求第2条：市、县级人民政府政务新媒体保持每个工作日更新',
    severity: 'normal',
    deductionPoints: 0.5,
  },
  {
    code: 'NEW_MEDIA_TWICE_WEEKLY',
    title: '县级以上政府部门和乡镇（街道）政务新媒体每周更新不少于2次',
    kind: 'publication_frequency',
    params: { period: 'week', min: 2, finalizeAfterDays: 2 },
    appliesTo: { subject: 'channel', channelKinds: 'new_media', units: [{ kinds: ['department'], levels: ['city', 'county'] }, { levels: ['township'] }] },
    problemCategory: 'not_updated',
    sourceDocument: MONTHLY_REPORT,
    sourceClause: '工作要求第3条：县级以上政府部门和乡镇（街道）政务新媒体每周更新不少于2次',
    severity: 'normal',
    deductionPoints: 0.5,
  },
  {
    code: 'NEW_MEDIA_SILENT_14_DAYS',
    title: '政务新媒体不得连续2周无更新（单项否决）',
    kind: 'silence',
    params: { period: 'day', windowDays: 14, min: 1, finalizeAfterDays: 2 },
    appliesTo: { subject: 'channel', channelKinds: 'new_media' },
    problemCategory: 'not_updated',
    sourceDocument: CHECK_INDICATORS,
    sourceClause: '政务新媒体检查指标·单项否决：检查时间点前2周内无更新',
    severity: 'veto',
    deductionPoints: 5,
  },
  {
    code: 'MESSAGE_SIMPLE_3_DAYS',
    title: '简单咨询类网民留言3日内办结回复',
    kind: 'response_deadline',
    params: { days: 3, count: 'calendar', finalizeAfterDays: 0 },
    appliesTo: { subject: 'message', messageCategory: 'simple' },
    problemCategory: 'overdue_reply',
    sourceDocument: MONTHLY_REPORT,
    sourceClause: '工作要求第4条：简单咨询类网民留言3日内办结回复',
    severity: 'normal',
    deductionPoints: 0.5,
  },
  {
    code: 'MESSAGE_GENERAL_5_WORKDAYS',
    title: '一般性网民留言5个工作日内办结回复',
    kind: 'response_deadline',
    params: { days: 5, count: 'working', finalizeAfterDays: 0 },
    appliesTo: { subject: 'message', messageCategory: 'general' },
    problemCategory: 'overdue_reply',
    sourceDocument: MONTHLY_REPORT,
    sourceClause: '工作要求第5条：一般性网民留言5个工作日内办结回复',
    severity: 'normal',
    deductionPoints: 0.5,
  },
  {
    code: 'POLICY_INTERPRETATION_LINKED',
    title: '政策文件必须做好政策解读，且政策文件和政策解读互链',
    kind: 'interpretation_link',
    params: { days: 3, count: 'working', finalizeAfterDays: 0 },
    appliesTo: { subject: 'policy_document' },
    problemCategory: 'policy_unlinked',
    sourceDocument: MONTHLY_REPORT,
    sourceClause: '工作要求第6条：所有政策文件必须要做政策解读，且政策文件和政策解读做好互链',
    severity: 'major',
    deductionPoints: 1,
  },
  {
    code: 'HOLIDAY_DUTY_ROSTER',
    title: '节假日实行7×24小时应急值班，节前报送值班表',
    kind: 'attestation',
    params: { finalizeAfterDays: 0 },
    appliesTo: { subject: 'unit', units: [{ kinds: ['government', 'management_committee', 'department'] }] },
    problemCategory: 'duty_roster',
    sourceDocument: MONTHLY_REPORT,
    sourceClause: '工作要求第7条：节假日实行7×24小时应急值班',
    severity: 'normal',
    deductionPoints: 0.5,
  },
];
