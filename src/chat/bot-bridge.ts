// The bridge from a chat to its bot members: the chat as a bot names it, and which of the
// events members receive a bot is told of. Pure; the actor does the sending.
import type { BotEvent } from "../bots/events.ts";
import type { BotChat } from "../bots/wire.ts";
import type { ClientEvent } from "../protocol/events.ts";
import type { Sender } from "../protocol/messages.ts";
import type { ChatKey } from "./chat-ids.ts";

/** The chat as a bot sees it: a group by its title, a private chat by its peer. */
export function botChatView(chat: { key: ChatKey; id: number; type: "private" | "group"; title: string }, peer: Sender | null): BotChat {
  if (chat.type === "group") return { id: chat.id, key: chat.key, type: "group", title: chat.title };
  const view: BotChat = { id: chat.id, key: chat.key, type: "private", title: peer?.displayName ?? "" };
  if (peer) view.peer = { id: peer.id, handle: peer.handle, displayName: peer.displayName };
  return view;
}

/** What bot `botId` is told of a member event; null for events bots do not get. */
export function toBotEvent(botId: number, e: ClientEvent, chat: BotChat, memberOf: (id: number) => Sender | null): BotEvent | null {
  switch (e.type) {
    case "message":
      return { type: "message", chat, message: e.message };
    case "message_edited":
      return { type: "edited_message", chat, message: e.message };
    case "read": {
      const by = memberOf(e.userId);
      return by && e.userId !== botId ? { type: "read", chat, by, messageId: e.messageId } : null;
    }
    default:
      return null;
  }
}
