// Who may post into a chat beyond being a member: in a private chat, not someone the other
// member has blocked; and two people who are no longer friends only while they share a group
// (the rule that opens a private chat). Chats with bots follow the bot's block instead. The
// facts live in the ChatActor (kept in step by the block and friend routes), so a message
// costs no lookups; only an unfriended pair's message asks D1 whether they share a group.
import type { ChatReason } from "../protocol/errors.ts";
import type { Sender } from "../protocol/messages.ts";

export interface PrivateFacts {
  /** The other member has blocked the sender (for a bot sender: the person blocked the bot). */
  blockedByPeer: boolean;
  /** The two people are no longer friends. */
  unfriended: boolean;
}

/** Why `sender` may not post to `peer` in a private chat, or null. `shareGroup` is asked only when it matters. */
export async function privateRefusal(sender: Sender, peer: Sender | null, facts: PrivateFacts, shareGroup: () => Promise<boolean>): Promise<ChatReason | null> {
  if (facts.blockedByPeer) return sender.isBot ? "bot_blocked" : "user_blocked";
  if (!facts.unfriended || sender.isBot || !peer || peer.isBot) return null;
  return (await shareGroup()) ? null : "not_friends";
}
