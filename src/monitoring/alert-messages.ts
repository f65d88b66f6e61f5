import { formatLocalInstant } from '../notifications/reminder-times';
import { OutageAlert } from './availability';
import { RobotMessage } from './robots';

// The Chinese text of an outage alert, as robots (and later the email template) show it. It
// names the unit, the site and the local time, and says what to do.

export interface OutageSubject {
  unit: string;
  /** The website's name, e.g. 信丰县人民政府门户网站. */
  channel: string;
  url: string;
  /** The last failed probe's reason (site_down). */
  lastError?: string | null;
  timeZone: string;
}

export function outageMessage(alert: OutageAlert, subject: OutageSubject): RobotMessage {
  const since = formatLocalInstant(alert.outageStartedAt, subject.timeZone);
  if (alert.kind === 'site_down') {
    const lines = [`网址：${subject.url}`, `自 ${since} 起连续 ${alert.failures} 次访问失败。`];
    if (subject.lastError) lines.push(`最近一次：${subject.lastError}`);
    lines.push('首页无法访问是政府网站检查的单项否决项，请尽快排查恢复。');
    return { kind: alert.kind, unit: subject.unit, channel: subject.channel, title: `【网站无法访问】${subject.channel}`, lines, at: alert.at };
  }
  const lines = [`网址：${subject.url}`, `${formatLocalInstant(alert.at, subject.timeZone)} 恢复访问，自 ${since} 起中断约 ${duration(alert.downMs)}。`];
  return { kind: alert.kind, unit: subject.unit, channel: subject.channel, title: `【网站已恢复】${subject.channel}`, lines, at: alert.at };
}

/** `2小时5分钟`, `45分钟`, `不到1分钟`. */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '不到1分钟';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return `${days ? `${days}天` : ''}${hours ? `${hours}小时` : ''}${rest ? `${rest}分钟` : ''}`;
}
