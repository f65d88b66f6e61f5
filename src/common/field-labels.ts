/**
 * What each API field is called in Chinese, so a message names the field the way a civil
 * servant knows it and still gives its API name for the programmer: `上级单位编码（parentCode）`.
 * Keyed by the field's path where one name means different things in different objects
 * (`workingHours.start`), else by its last segment (`items.3.publishedAt` → `publishedAt`).
 */
export const FIELD_LABELS: Record<string, string> = {
  // accounts and sign-in
  username: '用户名',
  password: '密码',
  displayName: '姓名',
  email: '电子邮件',
  role: '角色',
  active: '启用状态',
  // units and channels
  unitId: '单位编号',
  code: '编码',
  name: '名称',
  shortName: '简称',
  kind: '类型',
  level: '层级',
  parentCode: '上级单位编码',
  contactEmails: '联系邮箱',
  channelId: '载体编号',
  platformLabel: '平台名称',
  url: '网址',
  tree: '树形显示',
  includeSubunits: '含下级单位',
  // evidence
  items: '发布记录',
  publishedAt: '发布时间',
  title: '标题',
  externalId: '平台内编号',
  receivedAt: '收到时间',
  repliedAt: '回复时间',
  category: '类别',
  subject: '主题',
  linked: '互链状态',
  holidayStart: '节假日首日',
  // calendar, requirements and checklists
  date: '日期',
  from: '开始',
  to: '结束',
  days: '天数',
  count: '计数方式',
  holidays: '法定节假日',
  makeupWorkdays: '调休上班日',
  asOf: '评估时点',
  requirement: '要求',
  requirementCode: '要求编码',
  enabled: '启用',
  params: '参数',
  severity: '严重程度',
  deductionPoints: '考核扣分',
  status: '状态',
  // rectification
  foundAt: '发现时间',
  description: '问题描述',
  source: '来源',
  note: '整改说明',
  evidenceUrls: '整改后页面链接',
  version: '版本号',
  reason: '原因',
  comment: '意见',
  overdue: '是否逾期',
  dueFrom: '整改期限起',
  dueTo: '整改期限止',
  sort: '排序',
  order: '排序方向',
  format: '格式',
  // reminders
  dueSoonWorkingDays: '到期前提醒提前的工作日数',
  remindAt: '提醒时间',
  digestAt: '汇总邮件时间',
  workingHours: '发信时段',
  'workingHours.start': '发信时段开始',
  'workingHours.end': '发信时段结束',
  escalation: '逾期上报',
  afterWorkingDays: '逾期多少个工作日后上报',
  maxRepeats: '最多上报次数',
  everyWorkingDays: '上报间隔工作日数',
  digestMissedItemDays: '汇总邮件包含近几天的未达标项',
  updateUnseen: '未见更新提醒',
  dailyAt: '每日提醒时间',
  weeklyWeekday: '每周提醒星期',
  weeklyAt: '每周提醒时间',
  ratePerSecond: '每秒发信上限',
  stuckSendingSeconds: '发送卡住判定秒数',
  // reports, lists and the audit log
  month: '月份',
  page: '页码',
  pageSize: '每页条数',
  entityType: '对象类型',
  entityId: '对象编号',
  actorId: '操作人编号',
  id: '编号',
  evidenceId: '材料编号',
  jobId: '任务编号',
};

/** `上级单位编码（parentCode）` for a known field, the path alone for one without a label. */
export function fieldName(path: string): string {
  const last = path.split('.').pop() ?? path;
  const label = FIELD_LABELS[path.replace(/\.\d+(?=\.|$)/g, '')] ?? FIELD_LABELS[last];
  return label ? `${label}（${path}）` : path;
}
