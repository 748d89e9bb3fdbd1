// Quotas as plain data: a limit per fixed window (an hour, a day) or in all, and the window
// arithmetic that the counters' store and the routes share. Nothing here knows which act a
// quota counts or where its counters live.

export interface Quota {
  limit: number;
  /** The window's length in seconds; null for a quota counted in all (never reset). */
  windowSeconds: number | null;
}

export interface QuotaWindow {
  /** Unix seconds the window started (0 for a quota counted in all). */
  start: number;
  /** Seconds until the window ends and the count starts afresh; null when it never does. */
  resetsIn: number | null;
}

/**
 * Fixed windows aligned to multiples of their length since the epoch (days start at 00:00
 * UTC), so every counter of a quota turns over at the same moment and a window is one
 * number to store. A burst across a boundary can reach twice the limit; a quota bounds
 * abuse, it does not pace.
 */
export function windowAt(q: Quota, now: number): QuotaWindow {
  if (q.windowSeconds === null) return { start: 0, resetsIn: null };
  const start = Math.floor(now / q.windowSeconds) * q.windowSeconds;
  return { start, resetsIn: Math.max(1, start + q.windowSeconds - now) };
}

/** Whether `amount` more fits beside `used`, counted in the window now. */
export function fits(q: Quota, used: number, amount: number): boolean {
  return amount >= 0 && used + amount <= q.limit;
}

/** A limit from a Worker variable: a whole number of at least 0, else the default. */
export function limitFrom(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}
