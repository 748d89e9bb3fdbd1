// Pinned messages, as Telegram keeps them: who may pin, which message an unpin means, and the
// service message a pin leaves. Pure.
import type { ChatType } from "../protocol/events.ts";
import type { StoredMessage } from "../protocol/messages.ts";
import type { Role } from "./roles.ts";

/**
 * Pinning and unpinning: in a private chat either side (a bot too); in a group the owner and
 * admins (a bot only when made an admin), as Telegram's can_pin_messages.
 */
export function canPin(chatType: ChatType, role: Role): boolean {
  return chatType === "private" || role === "owner" || role === "admin";
}

/**
 * The message an unpin takes down: the one named, when it is pinned; with none named, the
 * latest pinned (Telegram's unpinChatMessage without message_id). Null when there is none.
 * `pinned` is ordered latest first.
 */
export function unpinTarget(pinned: number[], requested?: number): number | null {
  if (requested === undefined) return pinned[0] ?? null;
  return pinned.includes(requested) ? requested : null;
}

/** A service message (a pin's notice) is not pinned itself. */
export function isPinnable(m: Pick<StoredMessage, "pinnedMessage">): boolean {
  return m.pinnedMessage === undefined;
}

/** What the pin's service message shows of the pinned one: the message itself, without the message it replies to or its reactions. */
export function pinSnapshot(m: StoredMessage): StoredMessage {
  const { replyToMessage: _reply, reactions: _reactions, pinned: _pinned, clientMsgId: _key, ...rest } = m;
  if (rest.poll) rest.poll = { ...rest.poll, options: rest.poll.options.map((o) => ({ text: o.text, voterCount: 0 })), totalVoterCount: 0 };
  delete rest.poll?.chosen;
  return rest;
}
