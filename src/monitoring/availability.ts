import { addDays, mondayOf, startOfLocalDay } from '../common/time/local-date';

// Availability of a website from its probes, and the outage alerts. The national index vetoes a
// site whose homepage fails 5% or more of a week's probes (首页不能访问) and takes a failure to
// be no answer within 15 seconds; Duban also counts network errors and 4xx/5xx answers, which a
// reader sees as the site being down. Outages follow Uptime Kuma's model: a site is down after
// N consecutive failed probes (so one lost packet is no alarm) and up at the first good probe.

/** No answer within this long is a failed probe (the index's 15 seconds). */
export const PROBE_TIMEOUT_MS = 15_000;
export const DEFAULT_DOWN_AFTER_FAILURES = 3;

/** One availability probe as stored. */
export interface ProbeRow {
  at: Date;
  ok: boolean;
  /** The HTTP status of the final answer, null when there was none. */
  status: number | null;
  /** Milliseconds until the answer (or the failure). */
  ms: number | null;
  /** Why it failed, in Chinese; null when ok. */
  error: string | null;
}

/** What one attempt to GET a homepage saw, before it is judged. */
export interface ProbeAttempt {
  /** Status of the final answer after redirects, if any answer came. */
  status?: number | null;
  /** Milliseconds from the start until the answer's headers (or the failure). */
  ms: number;
  /** Node's error code (`ENOTFOUND`, `ECONNREFUSED`, `CERT_HAS_EXPIRED`, …) or one of ours. */
  errorCode?: string | null;
  errorMessage?: string | null;
  /** The request was abandoned at the time limit. */
  timedOut?: boolean;
}

export type ProbeResult = Omit<ProbeRow, 'at'>;

const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: '域名无法解析',
  EAI_AGAIN: '域名解析暂时失败',
  ECONNREFUSED: '连接被拒绝',
  ECONNRESET: '连接被重置',
  EPIPE: '连接被中断',
  ETIMEDOUT: '连接超时',
  ECONNABORTED: '连接被中止',
  EHOSTUNREACH: '主机不可达',
  ENETUNREACH: '网络不可达',
  UND_ERR_SOCKET: '连接被中断',
  TOO_MANY_REDIRECTS: '重定向次数过多',
  BLOCKED_ADDRESS: '地址属于内网或保留地址，拒绝访问',
};

const TLS_ERRORS = /^(?:CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_)/;

const HTTP_REASONS: Record<number, string> = {
  400: '请求错误',
  401: '需要登录',
  403: '禁止访问',
  404: '页面不存在',
  410: '页面已删除',
  429: '请求过多',
  500: '服务器内部错误',
  502: '网关错误',
  503: '服务不可用',
  504: '网关超时',
};

/**
 * Judges one probe: a failure is no answer within `timeoutMs`, a network or TLS error, or an
 * answer of 400 or above. Any other answer (2xx, or a 3xx the fetcher did not follow) is up.
 */
export function classifyProbe(attempt: ProbeAttempt, timeoutMs = PROBE_TIMEOUT_MS): ProbeResult {
  const status = attempt.status ?? null;
  const ms = Math.max(0, Math.round(attempt.ms));
  const seconds = Math.round(timeoutMs / 1000);
  if (attempt.timedOut || ms > timeoutMs) return { ok: false, status: null, ms, error: `超过 ${seconds} 秒无应答` };
  if (attempt.errorCode || (status === null && attempt.errorMessage)) {
    const code = attempt.errorCode ?? '';
    const known = NETWORK_ERRORS[code] ?? (TLS_ERRORS.test(code) ? 'HTTPS 证书无效' : null);
    const reason = known ?? `无法访问${attempt.errorMessage ? `：${attempt.errorMessage}` : ''}`;
    return { ok: false, status, ms, error: code && known ? `${reason}（${code}）` : reason };
  }
  if (status === null) return { ok: false, status: null, ms, error: '没有应答' };
  if (status >= 400) return { ok: false, status, ms, error: `HTTP ${status}${HTTP_REASONS[status] ? `（${HTTP_REASONS[status]}）` : ''}` };
  return { ok: true, status, ms, error: null };
}

/** Where a run of probes stands: carried from one probe to the next (persist it per channel). */
export interface OutageState {
  /** Consecutive failed probes up to now. */
  failures: number;
  /** The instant of the first of those failures; null after a good probe. */
  failingSince: Date | null;
  /** A site_down has been raised and no site_up yet. */
  down: boolean;
}

export const INITIAL_OUTAGE_STATE: OutageState = { failures: 0, failingSince: null, down: false };

export type OutageAlert =
  | { kind: 'site_down'; at: Date; outageStartedAt: Date; failures: number }
  | { kind: 'site_up'; at: Date; outageStartedAt: Date; downMs: number };

/**
 * One probe's effect: `site_down` when the failures reach `downAfterFailures` (once: further
 * failures raise nothing), `site_up` at the first good probe after a `site_down`. So each
 * outage raises exactly one of each, and both carry the instant the outage started, which
 * keys their outbox rows.
 */
export function nextOutageState(
  state: OutageState,
  probe: Pick<ProbeRow, 'at' | 'ok'>,
  downAfterFailures = DEFAULT_DOWN_AFTER_FAILURES,
): { state: OutageState; alert: OutageAlert | null } {
  if (!Number.isInteger(downAfterFailures) || downAfterFailures < 1) throw new RangeError(`downAfterFailures must be a positive integer, got ${downAfterFailures}`);
  if (probe.ok) {
    const alert: OutageAlert | null =
      state.down && state.failingSince !== null
        ? { kind: 'site_up', at: probe.at, outageStartedAt: state.failingSince, downMs: probe.at.getTime() - state.failingSince.getTime() }
        : null;
    return { state: INITIAL_OUTAGE_STATE, alert };
  }
  const failures = state.failures + 1;
  const failingSince = state.failingSince ?? probe.at;
  if (!state.down && failures >= downAfterFailures) {
    return { state: { failures, failingSince, down: true }, alert: { kind: 'site_down', at: probe.at, outageStartedAt: failingSince, failures } };
  }
  return { state: { failures, failingSince, down: state.down }, alert: null };
}

/** The outbox dedupe key of an outage alert: one per channel, kind and outage. */
export function outageDedupeKey(channelId: number, alert: OutageAlert): string {
  return `channel-${channelId}-${alert.kind.replace('_', '-')}-${alert.outageStartedAt.getTime()}`;
}

export interface Downtime {
  /** The first failed probe of the outage. */
  from: Date;
  /** The good probe that ended it; null while it lasts. */
  to: Date | null;
}

export interface Availability {
  probes: number;
  failed: number;
  /** Share of good probes (0…1); null without probes. */
  rate: number | null;
  /** Outages (as the alerts see them) that overlap the window. */
  downtimes: Downtime[];
}

/**
 * Availability over [from, to): the probes in the window counted, and the outages that
 * overlap it. `rows` must be in time order; rows before `from` are used only to see an outage
 * that began earlier (pass the probes since the last good one before `from`, or all).
 */
export function summariseAvailability(
  rows: readonly ProbeRow[],
  window: { from: Date; to: Date },
  downAfterFailures = DEFAULT_DOWN_AFTER_FAILURES,
): Availability {
  const from = window.from.getTime();
  const to = window.to.getTime();
  let probes = 0;
  let failed = 0;
  const downtimes: Downtime[] = [];
  let state = INITIAL_OUTAGE_STATE;
  let open: Downtime | null = null;
  for (const row of rows) {
    const t = row.at.getTime();
    if (t >= to) break;
    if (t >= from) {
      probes++;
      if (!row.ok) failed++;
    }
    const step = nextOutageState(state, row, downAfterFailures);
    state = step.state;
    if (step.alert?.kind === 'site_down') open = { from: step.alert.outageStartedAt, to: null };
    else if (step.alert?.kind === 'site_up' && open !== null) {
      open.to = step.alert.at;
      if (open.to.getTime() > from) downtimes.push(open);
      open = null;
    }
  }
  if (open !== null) downtimes.push(open);
  return { probes, failed, rate: probes === 0 ? null : (probes - failed) / probes, downtimes };
}

/**
 * WEBSITE_AVAILABILITY: met when failed probes are under 5% of the week's probes (the index
 * vetoes 5% or more). Integer arithmetic, so 1 failure in 20 probes is exactly 5% and a miss.
 * Null without probes: nothing to judge.
 */
export function availabilityMet(probes: number, failed: number): boolean | null {
  if (probes === 0) return null;
  return failed * 20 < probes;
}

/** The week (Monday 00:00 to the next Monday 00:00, local) containing `date`. */
export function weekWindow(date: string, timeZone: string): { monday: string; sunday: string; from: Date; to: Date } {
  const monday = mondayOf(date);
  return { monday, sunday: addDays(monday, 6), from: startOfLocalDay(monday, timeZone), to: startOfLocalDay(addDays(monday, 7), timeZone) };
}
