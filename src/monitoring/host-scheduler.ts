// Politeness towards the sites Duban reads: a county's site often runs on one small server, and
// a monitor that opens ten connections at once looks like an attack and gets its address
// blocked. So, per host: at most `maxPerHost` requests at once and at least `minIntervalMs`
// between the starts of two requests, in the order they were asked for. `maxTotal` bounds
// the whole process's requests at once (memory and sockets), across hosts.

export interface PolitenessSettings {
  maxPerHost: number;
  minIntervalMs: number;
  maxTotal: number;
}

export const DEFAULT_POLITENESS: PolitenessSettings = { maxPerHost: 2, minIntervalMs: 1000, maxTotal: 64 };

/** The clock and timer the scheduler waits with; tests drive a virtual one. */
export interface SchedulerTimer {
  now(): number;
  setTimeout(callback: () => void, ms: number): void;
}

// Not unref'd: a script awaiting a request that waits for its host's second must not exit early.
export const REAL_TIMER: SchedulerTimer = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    setTimeout(callback, ms);
  },
};

interface Job {
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface HostState {
  queue: Job[];
  active: number;
  /** When the last request to this host started; -Infinity before the first. */
  lastStart: number;
  /** A wake-up is already set for this host. */
  timerSet: boolean;
}

/** The host a request goes to: the hostname, lower-cased; a bare host name is taken as it is. */
export function hostOf(address: string): string {
  try {
    return new URL(address).hostname.toLowerCase();
  } catch {
    return address.toLowerCase();
  }
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  /** Hosts with a job ready to start but no free slot in `maxTotal`, in the order they became ready. */
  private readonly waitingForSlot = new Set<string>();
  private active = 0;

  constructor(
    readonly settings: PolitenessSettings = DEFAULT_POLITENESS,
    private readonly timer: SchedulerTimer = REAL_TIMER,
  ) {
    if (settings.maxPerHost < 1 || settings.maxTotal < 1 || settings.minIntervalMs < 0) throw new RangeError('politeness settings must be positive');
  }

  /** Runs `task` when the politeness rules for the host of `address` allow; settles as it does. */
  run<T>(address: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(address);
    const state = this.hosts.get(host) ?? { queue: [], active: 0, lastStart: -Infinity, timerSet: false };
    this.hosts.set(host, state);
    const promise = new Promise<T>((resolve, reject) => {
      state.queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
    });
    this.pump(host);
    return promise;
  }

  /** Requests started and not finished, over all hosts. */
  get running(): number {
    return this.active;
  }

  /** Requests asked for and not started yet, over all hosts. */
  get queued(): number {
    let n = 0;
    for (const state of this.hosts.values()) n += state.queue.length;
    return n;
  }

  private pump(host: string): void {
    const state = this.hosts.get(host);
    if (state === undefined) return;
    while (state.queue.length > 0 && state.active < this.settings.maxPerHost) {
      if (this.active >= this.settings.maxTotal) {
        this.waitingForSlot.add(host);
        return;
      }
      const now = this.timer.now();
      const earliest = state.lastStart + this.settings.minIntervalMs;
      if (now < earliest) {
        if (!state.timerSet) {
          state.timerSet = true;
          this.timer.setTimeout(() => {
            state.timerSet = false;
            this.pump(host);
          }, earliest - now);
        }
        return;
      }
      this.start(host, state, state.queue.shift()!, now);
    }
    this.forgetIfIdle(host, state);
  }

  private start(host: string, state: HostState, job: Job, now: number): void {
    state.active++;
    state.lastStart = now;
    this.active++;
    let promise: Promise<unknown>;
    try {
      promise = Promise.resolve(job.task());
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(job.resolve, job.reject).finally(() => {
      state.active--;
      this.active--;
      this.pump(host);
      this.wakeWaiting();
    });
  }

  /** A slot in `maxTotal` came free: the hosts that waited longest get it first. */
  private wakeWaiting(): void {
    for (const host of [...this.waitingForSlot]) {
      if (this.active >= this.settings.maxTotal) return;
      this.waitingForSlot.delete(host);
      this.pump(host);
    }
  }

  // A host's state is kept while it has work or its last start is within the interval (so a
  // new request cannot start too soon); after that it is dropped, so 14,000 sites do not
  // leave 14,000 entries behind.
  private forgetIfIdle(host: string, state: HostState): void {
    if (state.queue.length > 0 || state.active > 0 || state.timerSet) return;
    const wait = state.lastStart + this.settings.minIntervalMs - this.timer.now();
    if (wait <= 0) {
      this.hosts.delete(host);
      return;
    }
    state.timerSet = true;
    this.timer.setTimeout(() => {
      state.timerSet = false;
      this.pump(host);
    }, wait);
  }
}
