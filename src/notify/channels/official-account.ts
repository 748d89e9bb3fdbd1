// The official-account channel (issue 10 point 1): a signed webhook POST to the social
// platform's endpoint, configured by secrets (OA_ENDPOINT, OA_SECRET). The body is shaped like
// a template message: `{touser, template: "notification", title, text, url}`. The platform
// checks it by `X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
// with the shared secret, and refuses stale timestamps (`X-Switchboard-Timestamp`, seconds),
// so a captured request cannot be replayed later.
//
// How an answer maps to a result:
// - 2xx: the platform took the message: `sent`.
// - 4xx: the platform read the request and refused it (unknown account, bad signature, bad
//   payload): it will not deliver it, and sending it again would be refused the same way:
//   `failed`, so the notification falls back at once.
// - 5xx, a timeout, a network error: the request may or may not have been acted on (a 5xx
//   can come from a proxy after the platform queued it; a timeout can cut off an answer
//   that was on its way): `uncertain`. Sending again could show the user the message twice,
//   so it is not retried on this channel; fallback timing treats it as sent.
import { hmacSha256Hex } from "../../platform/crypto.ts";
import { checkOutboundUrl } from "../../platform/outbound-url.ts";
import type { ChannelAdapter, OutboundMessage, SendResult } from "./types.ts";

export const OA_TIMEOUT_MS = 10_000;
/** Bounds on the payload's fields: a template message is short. */
export const OA_TITLE_MAX = 100;
export const OA_TEXT_MAX = 1000;

export interface OfficialAccountPayload {
  touser: string;
  template: "notification";
  title: string;
  text: string;
  url?: string;
}

/** Cuts `text` to at most `max` characters (code points), ending in "…" when cut. */
export function bound(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** The template message for one outbound message; a code, if any, is put in the text when it is not there yet. */
export function officialAccountPayload(m: OutboundMessage): OfficialAccountPayload {
  const text = m.code && !m.text.includes(m.code) ? `${m.text} ${m.code}` : m.text;
  const payload: OfficialAccountPayload = { touser: m.to, template: "notification", title: bound(m.title, OA_TITLE_MAX), text: bound(text, OA_TEXT_MAX) };
  if (m.link) payload.url = m.link;
  return payload;
}

/** The signature header's value: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. */
export async function signOfficialAccount(secret: string, timestamp: number, body: string): Promise<string> {
  return `sha256=${await hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

/** What an HTTP status from the platform means (see the header comment). */
export function resultOfStatus(status: number): SendResult {
  if (status >= 200 && status < 300) return { status: "sent" };
  if (status >= 400 && status < 500) return { status: "failed", reason: `the platform refused it (${status})` };
  return { status: "uncertain", reason: `the platform answered ${status}` };
}

export interface OfficialAccountConfig {
  endpoint: string;
  secret: string;
  /** Local development only: plain http to the loopback host (LOCAL_WEBHOOKS). */
  allowLoopbackHttp?: boolean;
  timeoutMs?: number;
  /** Seconds since the epoch; the tests pass a fixed clock. */
  now?: () => number;
  fetch?: typeof fetch;
}

export function officialAccountAdapter(config: OfficialAccountConfig): ChannelAdapter {
  const doFetch = config.fetch ?? ((input, init) => fetch(input, init));
  return {
    channel: "official_account",
    async send(m: OutboundMessage): Promise<SendResult> {
      // Checked at each send, not only at start-up: a misconfigured secret must never reach a private network.
      const check = checkOutboundUrl(config.endpoint, { allowLoopbackHttp: config.allowLoopbackHttp ?? false });
      if (!check.ok) return { status: "failed", reason: `the endpoint is refused: ${check.detail}` };
      const body = JSON.stringify(officialAccountPayload(m));
      const timestamp = Math.floor(config.now?.() ?? Date.now() / 1000);
      const headers = {
        "Content-Type": "application/json",
        "X-Switchboard-Timestamp": String(timestamp),
        "X-Switchboard-Signature": await signOfficialAccount(config.secret, timestamp, body),
      };
      let response: Response;
      try {
        response = await doFetch(check.url.href, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(config.timeoutMs ?? OA_TIMEOUT_MS) });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
        return { status: "uncertain", reason: timedOut ? "the platform did not answer in time" : "network error" };
      }
      await response.body?.cancel(); // the answer's body is not needed; free the connection
      // A redirect is not followed (it could point anywhere); the platform did not take the message.
      if (response.status >= 300 && response.status < 400) return { status: "failed", reason: `the platform redirected (${response.status})` };
      return resultOfStatus(response.status);
    },
  };
}
