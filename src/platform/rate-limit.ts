// Token buckets, as plain data: a bucket refills `rate` tokens per second up to `burst`.
// A send takes one token; when none is left the caller learns how long to wait.
import type { Limit } from "../protocol/api.ts";

export interface Bucket {
  tokens: number;
  at: number; // ms
}

/** `rate` tokens per second, at most `burst` saved up. */
export type { Limit };

export type Take = { ok: true; bucket: Bucket } | { ok: false; retryAfter: number };

export function take(bucket: Bucket | undefined, limit: Limit, now: number): Take {
  const b = bucket ?? { tokens: limit.burst, at: now };
  const tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.rate);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, at: now } };
  return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - tokens) / limit.rate)) };
}
