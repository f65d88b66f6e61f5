import { createHmac } from 'node:crypto';

// The group robots offices actually read: WeCom (企业微信群机器人), DingTalk (钉钉自定义机器人),
// Feishu (飞书自定义机器人), and a generic JSON webhook. This builds each robot's request from
// one message and reads each robot's answer; sending, retries and dedupe are the outbox's.

export const ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];

export interface Robot {
  kind: RobotKind;
  /** The webhook address the group gave (DingTalk's carries `access_token`, WeCom's `key`). */
  url: string;
  /** DingTalk and Feishu "加签" secret; unused by WeCom and the generic webhook. */
  secret?: string | null;
}

/** One alert as every robot gets it; all text in Chinese. */
export interface RobotMessage {
  /** The alert kind: `site_down`, `site_up`, `homepage_stale_warning`, … */
  kind: string;
  /** The unit's name. */
  unit: string;
  /** The website or account, when the alert is about one. */
  channel: string | null;
  /** One line: what happened. */
  title: string;
  /** The details, plain text, one fact per line. */
  lines: string[];
  /** When it happened. */
  at: Date;
}

export interface RobotRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

// WeCom cuts markdown at 4096 bytes and DingTalk at 20,000; Feishu's limit is larger. Cutting
// here keeps a long list of broken links from making the robot refuse the whole message.
const MAX_BYTES: Record<RobotKind, number> = { wecom: 4096, dingtalk: 20_000, feishu: 30_000, webhook: 60_000 };

/**
 * The request that posts `message` to `robot`, signed when the robot has a secret. `now` is the
 * signing time: DingTalk refuses a signature more than an hour old, so build just before sending.
 */
export function buildRobotRequest(robot: Robot, message: RobotMessage, now: Date): RobotRequest {
  const headers = { 'Content-Type': 'application/json; charset=utf-8' };
  const limit = MAX_BYTES[robot.kind];
  switch (robot.kind) {
    case 'wecom':
      return { method: 'POST', url: robot.url, headers, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: cut(markdown(message), limit) } }) };
    case 'dingtalk': {
      const url = new URL(robot.url);
      if (robot.secret) {
        const timestamp = now.getTime();
        url.searchParams.set('timestamp', String(timestamp));
        url.searchParams.set('sign', dingtalkSign(robot.secret, timestamp));
      }
      const body = { msgtype: 'markdown', markdown: { title: message.title, text: cut(markdown(message), limit) } };
      return { method: 'POST', url: url.toString(), headers, body: JSON.stringify(body) };
    }
    case 'feishu': {
      const content = { msg_type: 'text', content: { text: cut(plainText(message), limit) } };
      if (!robot.secret) return { method: 'POST', url: robot.url, headers, body: JSON.stringify(content) };
      const timestamp = Math.floor(now.getTime() / 1000);
      return { method: 'POST', url: robot.url, headers, body: JSON.stringify({ timestamp: String(timestamp), sign: feishuSign(robot.secret, timestamp), ...content }) };
    }
    case 'webhook': {
      const body = { kind: message.kind, unit: message.unit, channel: message.channel, text: cut(plainText(message), limit), at: message.at.toISOString() };
      return { method: 'POST', url: robot.url, headers, body: JSON.stringify(body) };
    }
  }
}

/** DingTalk: base64(HMAC-SHA256(key = secret, "<timestamp ms>\n<secret>")); the caller URL-encodes it. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** Feishu: base64(HMAC-SHA256(key = "<timestamp s>\n<secret>", empty message)) — the key is the string. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export type RobotAnswer = { ok: true } | { ok: false; retry: boolean; reason: string };

// Codes that mean "later", not "never": rate limits and busy servers. Any other non-zero code is
// the robot's configuration (a wrong key, signature, keyword or IP whitelist), which a retry
// cannot fix; it is shown to the admin instead.
const RETRY_CODES: Record<Exclude<RobotKind, 'webhook'>, Set<number>> = {
  wecom: new Set([-1, 45009]), // 系统繁忙; 接口调用超过限制 (20 messages a minute)
  dingtalk: new Set([-1, 130101]), // 系统繁忙; send too fast (20 messages a minute)
  feishu: new Set([11232]), // frequency limited
};

/** Whether a robot took the message, from its HTTP status and body. */
export function readRobotAnswer(kind: RobotKind, status: number, body: string): RobotAnswer {
  const transientStatus = status === 408 || status === 429 || status >= 500;
  if (kind === 'webhook') {
    if (status >= 200 && status < 300) return { ok: true };
    return { ok: false, retry: transientStatus, reason: `HTTP ${status}` };
  }
  let parsed: Record<string, unknown> | null = null;
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null) parsed = value as Record<string, unknown>;
  } catch {
    parsed = null;
  }
  // WeCom and DingTalk answer {errcode, errmsg}; Feishu {code, msg} (older bots {StatusCode, StatusMessage}).
  const code = parsed?.errcode ?? parsed?.code ?? parsed?.StatusCode;
  const text = parsed?.errmsg ?? parsed?.msg ?? parsed?.StatusMessage;
  if (typeof code !== 'number') {
    return { ok: false, retry: transientStatus, reason: `HTTP ${status}，应答无法识别${body ? `：${body.slice(0, 200)}` : ''}` };
  }
  if (code === 0 && status >= 200 && status < 300) return { ok: true };
  return { ok: false, retry: transientStatus || RETRY_CODES[kind].has(code), reason: `错误码 ${code}${typeof text === 'string' && text ? `：${text}` : ''}` };
}

function markdown(message: RobotMessage): string {
  const head = [`**${message.title}**`, `> 单位：${message.unit}`];
  if (message.channel) head.push(`> 载体：${message.channel}`);
  return [...head, '', ...message.lines].join('\n');
}

function plainText(message: RobotMessage): string {
  const head = [message.title, `单位：${message.unit}`];
  if (message.channel) head.push(`载体：${message.channel}`);
  return [...head, ...message.lines].join('\n');
}

/** Cuts `text` to at most `maxBytes` of UTF-8 on a character boundary, marking the cut. */
function cut(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const mark = '\n……（内容过长，已截断）';
  let budget = maxBytes - Buffer.byteLength(mark, 'utf8');
  let result = '';
  for (const char of text) {
    budget -= Buffer.byteLength(char, 'utf8');
    if (budget < 0) break;
    result += char;
  }
  return result + mark;
}
