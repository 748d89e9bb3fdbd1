// The SMS channel (issue 10 point 1): HTTP providers configured by a secret, SMS_PROVIDERS, a
// JSON array of `{name, url, token}` tried in order. Each gets `POST {to, text}` with
// `Authorization: Bearer <token>`. The provider protocol:
// - 2xx: taken: `sent`, naming the provider.
// - 422 (the number is not one it can text): `failed` at once, no failover: another provider
//   would refuse the same number.
// - any other 4xx (a revoked token, a rate limit, an account out of credit), a 5xx, a
//   timeout, a network error: the next provider is tried.
// When every provider has been tried: `uncertain` if any of them may have taken it (a 5xx or
// a timeout can hide a message that went out), else `failed`. Failing over after such an
// answer risks a duplicate SMS; not failing over risks none at all, and a missed notification
// is the worse of the two.
import { z } from "zod";
import { checkOutboundUrl } from "../../platform/outbound-url.ts";
import { bound } from "./official-account.ts";
import type { ChannelAdapter, OutboundMessage, SendResult } from "./types.ts";

export const SMS_TEXT_MAX = 480;
export const SMS_TIMEOUT_MS = 10_000;
export const SMS_PROVIDERS_MAX = 5;

export interface SmsProvider {
  name: string;
  url: string;
  token: string;
}

const providersSchema = z
  .array(z.object({ name: z.string().min(1).max(64), url: z.string().min(1).max(2048), token: z.string().min(1).max(4096) }))
  .min(1)
  .max(SMS_PROVIDERS_MAX);

/** SMS_PROVIDERS as providers, or a reason it cannot be used. */
export function parseSmsProviders(raw: string | undefined): { ok: true; providers: SmsProvider[] } | { ok: false; reason: string } {
  if (!raw?.trim()) return { ok: false, reason: "not configured" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "SMS_PROVIDERS is not JSON" };
  }
  const r = providersSchema.safeParse(json);
  return r.success ? { ok: true, providers: r.data } : { ok: false, reason: `SMS_PROVIDERS: ${r.error.issues[0]?.message ?? "invalid"}` };
}

/**
 * The SMS text: the message, its code if the text does not carry it yet, its link whole, in at
 * most SMS_TEXT_MAX characters. The message is what gets cut (ending in "…"): a cut link or
 * code would be useless.
 */
export function smsText(m: Pick<OutboundMessage, "text" | "link" | "code">, max = SMS_TEXT_MAX): string {
  const tail = [m.code && !m.text.includes(m.code) ? m.code : "", m.link ?? ""].filter(Boolean).join(" ");
  if (!tail) return bound(m.text, max);
  const room = max - [...tail].length - 1;
  if (room < 1) return bound(tail, max); // only a link longer than an SMS could get here
  return `${bound(m.text, room)} ${tail}`;
}

/** One provider's answer: an HTTP status, or no answer (timeout, network error). */
export type Attempt = { status: number } | { error: "timeout" | "network" };

/** What to do after one provider's answer (see the header comment). */
export function afterAttempt(a: Attempt): "sent" | "bad_number" | "next" {
  if ("error" in a) return "next";
  if (a.status >= 200 && a.status < 300) return "sent";
  if (a.status === 422) return "bad_number";
  return "next";
}

/** Whether a failed attempt may still have sent the SMS. */
export function mayHaveSent(a: Attempt): boolean {
  return "error" in a ? a.error === "timeout" : a.status >= 500;
}

export interface SmsConfig {
  providers: SmsProvider[];
  allowLoopbackHttp?: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function smsAdapter(config: SmsConfig): ChannelAdapter {
  const doFetch = config.fetch ?? ((input, init) => fetch(input, init));
  return {
    channel: "sms",
    async send(m: OutboundMessage): Promise<SendResult> {
      const body = JSON.stringify({ to: m.to, text: smsText(m) });
      const reasons: string[] = [];
      let uncertain = false;
      for (const p of config.providers) {
        const check = checkOutboundUrl(p.url, { allowLoopbackHttp: config.allowLoopbackHttp ?? false });
        if (!check.ok) {
          reasons.push(`${p.name}: refused URL (${check.reason})`);
          continue;
        }
        let attempt: Attempt;
        try {
          const r = await doFetch(check.url.href, {
            method: "POST",
            headers: { "Content-Type": "application/json", Authorization: `Bearer ${p.token}` },
            body,
            redirect: "manual",
            signal: AbortSignal.timeout(config.timeoutMs ?? SMS_TIMEOUT_MS),
          });
          await r.body?.cancel();
          attempt = { status: r.status };
        } catch (err) {
          const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
          attempt = { error: timedOut ? "timeout" : "network" };
        }
        const next = afterAttempt(attempt);
        if (next === "sent") return { status: "sent", providerId: p.name };
        if (next === "bad_number") return { status: "failed", reason: `${p.name}: not a number it can text` };
        uncertain ||= mayHaveSent(attempt);
        reasons.push(`${p.name}: ${"error" in attempt ? attempt.error : attempt.status}`);
      }
      const reason = `no provider took it (${reasons.join("; ")})`;
      return uncertain ? { status: "uncertain", reason } : { status: "failed", reason };
    },
  };
}
