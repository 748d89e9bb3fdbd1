// The outbox: what I typed and the server has not stored yet. It outlives the page (a
// reload, a closed tab) in the browser's storage, so nothing typed is lost; it is sent
// again with the same clientMsgId, on which the server deduplicates per sender.
import type { Pending } from "./model.ts";

/** What a failed send becomes: tried again when the connection is back, held for the user, or gone. */
export type SendOutcome = "unsent" | "refused" | "drop";

/**
 * Decides from a failed POST's status and error code. Unreachable (0), overloaded (429) or
 * broken (5xx) servers are transient; any other refusal would refuse again, so it waits for
 * the user. `duplicate_deleted` means it was stored once and deleted since: nothing to send.
 */
export function sendOutcome(status: number, code: string): SendOutcome {
  if (code === "duplicate_deleted") return "drop";
  if (status === 0 || status === 429 || status >= 500) return "unsent";
  return "refused";
}

/** The messages to send once the connection is back, oldest first, so they keep their order. */
export function toResend(pending: Pending[]): Pending[] {
  return pending.filter((p) => p.state === "unsent").sort((a, b) => a.date - b.date);
}

/** The key under which a user's outbox is kept: per user, so another account never sends it. */
export const outboxKey = (userId: number) => `switchboard.outbox.${userId}`;

type Saved = Pick<Pending, "chatId" | "clientMsgId" | "text" | "date">;

/** What survives a reload: the texts (files live only as long as the page). */
export function serialize(pending: Pending[]): string | null {
  const saved: Saved[] = pending.filter((p) => !p.file).map(({ chatId, clientMsgId, text, date }) => ({ chatId, clientMsgId, text, date }));
  return saved.length ? JSON.stringify(saved) : null;
}

/** The stored outbox as pending messages: unsent until the connection says otherwise. */
export function deserialize(raw: string | null): Pending[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data
    .filter(
      (d): d is Saved =>
        typeof d === "object" && d !== null && typeof d.chatId === "number" && typeof d.clientMsgId === "string" && typeof d.text === "string" && typeof d.date === "number",
    )
    .map((d) => ({ chatId: d.chatId, clientMsgId: d.clientMsgId, text: d.text, date: d.date, state: "unsent" as const }));
}
