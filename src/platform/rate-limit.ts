// Token buckets, as plain data: a bucket refills `rate` tokens per second up to `burst`.
// A send takes one token (or `cost` of them, all or none); when they are not there the caller
// learns how long to wait.
import type { Limit } from "../protocol/api.ts";

export interface Bucket {
  tokens: number;
  at: number; // ms
}

/** `rate` tokens per second, at most `burst` saved up. */
export type { Limit };

export type Take = { ok: true; bucket: Bucket } | { ok: false; retryAfter: number };

/** A cost above the burst could never be paid: it is taken as the whole burst. */
export function take(bucket: Bucket | undefined, limit: Limit, now: number, cost = 1): Take {
  const b = bucket ?? { tokens: limit.burst, at: now };
  const need = Math.min(cost, limit.burst);
  const tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.rate);
  if (tokens >= need) return { ok: true, bucket: { tokens: tokens - need, at: now } };
  return { ok: false, retryAfter: Math.max(1, Math.ceil((need - tokens) / limit.rate)) };
}
