// The sandbox provider (issue 10 point 1): stands in for SMS, e-mail and the official account
// where the platform runs locally (`npm start`) and in the tests. It sends nothing: it records
// what would have gone out in D1 (sandbox_outbox), for the /sandbox page and
// GET /api/v1/sandbox/outbox, and answers `sent`.
import type { ContactChannel } from "../schema.ts";
import { sandboxOutbox } from "../schema.ts";
import { open } from "../../platform/d1.ts";
import type { ChannelAdapter, OutboundMessage, SendResult } from "./types.ts";

/** Bounds on what one recorded message keeps (the real channels bound theirs further). */
export const SANDBOX_TEXT_MAX = 20_000;
export const SANDBOX_FIELD_MAX = 2048;

export function sandboxAdapter(db: D1Database, channel: ContactChannel, now: () => number = Date.now): ChannelAdapter {
  return {
    channel,
    async send(m: OutboundMessage): Promise<SendResult> {
      // E-mail and the official account carry a title (no column of its own): it heads the text.
      const text = m.title && channel !== "sms" ? `${m.title}\n\n${m.text}` : m.text;
      const [row] = await open(db)
        .insert(sandboxOutbox)
        .values({
          channel,
          to: m.to.slice(0, SANDBOX_FIELD_MAX),
          user: m.user,
          text: text.slice(0, SANDBOX_TEXT_MAX),
          link: m.link?.slice(0, SANDBOX_FIELD_MAX) ?? null,
          code: m.code?.slice(0, SANDBOX_FIELD_MAX) ?? null,
          at: now(),
        })
        .returning({ id: sandboxOutbox.id });
      return { status: "sent", providerId: `sandbox:${row!.id}` };
    },
  };
}
