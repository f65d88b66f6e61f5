// When each channel is probed within its interval. Probing 14,000 sites all at :00 would be a
// burst every hour (for Duban and for a provincial server hosting hundreds of county sites);
// instead each channel has a fixed offset within the interval, spread evenly by a hash of its
// id. The offset depends on nothing but the id and the interval, so every worker replica
// computes the same schedule and a restart does not move it.

/** 32-bit FNV-1a of the id's text, then MurmurHash3's finaliser so nearby ids spread apart. */
function hash32(id: number | string): number {
  let h = 0x811c9dc5;
  const text = String(id);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The channel's offset within every interval: 0 ≤ offset < intervalMs, whole milliseconds. */
export function probeOffsetMs(channelId: number | string, intervalMs: number): number {
  if (!Number.isInteger(intervalMs) || intervalMs < 1) throw new RangeError(`interval must be a positive number of milliseconds, got ${intervalMs}`);
  return Math.floor((hash32(channelId) / 2 ** 32) * intervalMs);
}

/**
 * The channel's probe instants are offset + k × interval (counted from the Unix epoch, so the
 * same in every time zone). This is the first one strictly after `after`.
 */
export function nextProbeAt(channelId: number | string, intervalMs: number, after: Date): Date {
  const offset = probeOffsetMs(channelId, intervalMs);
  const t = after.getTime();
  const k = Math.floor((t - offset) / intervalMs) + 1;
  return new Date(k * intervalMs + offset);
}

/** Whether one of the channel's probe instants falls in [from, to): a scheduler tick's selection. */
export function probeDueBetween(channelId: number | string, intervalMs: number, from: Date, to: Date): boolean {
  return nextProbeAt(channelId, intervalMs, new Date(from.getTime() - 1)).getTime() < to.getTime();
}
