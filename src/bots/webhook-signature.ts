// Switchboard's webhook signature: `X-Switchboard-Signature: t=<unix seconds>,v1=<hex>`,
// where v1 = HMAC-SHA256(key, "<t>.<body>") and key = the hex SHA-256 of the secret half of
// the bot token (what Switchboard stores; the bot can compute it from its token).
import { constantTimeEqual, hmacSha256Hex } from "../platform/crypto.ts";

export async function signWebhook(key: string, timestamp: number, body: string): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(key, `${timestamp}.${body}`)}`;
}

/** What a receiver does: recompute and compare, and refuse stale timestamps. */
export async function verifyWebhook(key: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): Promise<boolean> {
  const t = Number(/(?:^|,)t=(\d+)/.exec(header)?.[1]);
  const v1 = /(?:^|,)v1=([0-9a-f]{64})/.exec(header)?.[1];
  if (!t || !v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  return constantTimeEqual(await hmacSha256Hex(key, `${t}.${body}`), v1);
}

/** Exponential backoff for a failed delivery: base, 2x base, 4x base ..., capped at an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A webhook delivery is given up after 24 hours of failures. */
export const WEBHOOK_GIVE_UP_MS = 24 * 3600 * 1000;
