import { localDateOf } from '../common/time/local-date';
import { CHECKLIST_SOURCE_LABEL, SOURCE_LABELS as FINDING_SOURCE_LABELS } from '../rectification/rectification-settings';

/** How the console shows dates and times to people: 2022年8月30日, 2022年8月30日 14:05, local time. */
export function cnDate(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : localDateOf(new Date(value), timeZone);
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function cnDateTime(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  const instant = new Date(value);
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return `${cnDate(instant, timeZone)} ${parts}`;
}

/** A due instant at 24:00 reads better as the end of its last day: 2022年10月11日 24:00. */
export function cnDue(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  const instant = new Date(value);
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  if (time === '00:00') return `${cnDate(new Date(instant.getTime() - 1), timeZone)} 24:00`;
  return `${cnDate(instant, timeZone)} ${time}`;
}

export const TASK_STATUS_LABELS: Record<string, string> = { open: '待整改', submitted: '待核验', rejected: '已退回', accepted: '已通过', cancelled: '已撤销' };
export const ITEM_STATUS_LABELS: Record<string, string> = { pending: '进行中', met: '已达标', missed: '未达标', waived: '已豁免' };
export const UNIT_KIND_LABELS: Record<string, string> = { government: '人民政府', management_committee: '管委会', department: '部门', township: '乡镇（街道）', village: '村（社区）', other: '其他' };
export const UNIT_LEVEL_LABELS: Record<string, string> = { city: '市级', county: '县级', township: '乡镇级', village: '村级' };
export const CHANNEL_KIND_LABELS: Record<string, string> = { website: '网站', wechat: '微信', weibo: '微博', douyin: '抖音', toutiao: '今日头条', app: '移动客户端', other: '其他' };
export const DAY_KIND_LABELS: Record<string, string> = { workday: '工作日', weekend: '周末', holiday: '法定节假日', makeup_workday: '调休上班' };
// The finding sources in the rectification module's words, so the list, the task page and the ledger agree.
export const SOURCE_LABELS: Record<string, string> = { ...FINDING_SOURCE_LABELS, finding: '检查发现', checklist: CHECKLIST_SOURCE_LABEL };
export const CATEGORY_LABELS: Record<string, string> = {
  not_updated: '未及时更新',
  typo: '错敏字',
  no_interaction: '无有效互动渠道',
  broken_link: '链接失效',
  policy_unlinked: '政策文件未关联解读',
  overdue_reply: '留言逾期未回复',
  duty_roster: '未报送值班表',
  other: '其他',
};
