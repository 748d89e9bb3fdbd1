// The e-mail channel (issue 10 point 1): Cloudflare's `send_email` binding (env EMAIL, sender
// EMAIL_FROM), the message built by email-mime.ts. The binding throws when it refuses a
// message (an unverified destination, a sender outside the zone): `failed`; it answering is
// `sent`.
import { EmailMessage } from "cloudflare:email";
import { composeEmail } from "./email-mime.ts";
import type { ChannelAdapter, OutboundMessage, SendResult } from "./types.ts";

/** Local mail addresses, as the contacts route takes them: something@domain, no spaces or angle brackets. */
const address = /^[^\s<>@"]{1,64}@[^\s<>@"]{1,255}$/;

/** Wraps the raw message for the binding; the tests pass one whose raw text they can read (workerd's EmailMessage keeps it private). */
export type WrapMessage = (from: string, to: string, raw: string) => EmailMessage;
const wrapReal: WrapMessage = (from, to, raw) => new EmailMessage(from, to, raw);

export function emailAdapter(binding: SendEmail, from: string, wrap: WrapMessage = wrapReal): ChannelAdapter {
  return {
    channel: "email",
    async send(m: OutboundMessage): Promise<SendResult> {
      if (!address.test(m.to)) return { status: "failed", reason: "not an e-mail address" };
      let raw: string;
      try {
        raw = composeEmail(from, m.to, m);
      } catch (err) {
        return { status: "failed", reason: `the message could not be built: ${err instanceof Error ? err.message : "error"}` };
      }
      try {
        const r = await binding.send(wrap(from, m.to, raw));
        return r?.messageId ? { status: "sent", providerId: r.messageId } : { status: "sent" };
      } catch (err) {
        return { status: "failed", reason: `send_email refused it: ${err instanceof Error ? err.message : "error"}` };
      }
    },
  };
}
