// What a user's sockets receive, and what a chat tells a bot. Every event names the chat
// as its receiver sees it.
import type { Message, Sender, StoredMessage } from "./messages.ts";
import type { BotChat } from "./telegram/wire.ts";

export interface ChatSummary {
  id: number;
  type: "private" | "group";
  title: string;
}

export type ClientEvent =
  | { type: "message"; chatId: number; message: Message; unread: number }
  | { type: "message_edited"; chatId: number; message: Message }
  | { type: "message_deleted"; chatId: number; messageId: number; unread: number }
  | { type: "read"; chatId: number; userId: number; messageId: number; unread?: number }
  | { type: "typing"; chatId: number; userId: number; handle: string }
  | { type: "callback_answer"; chatId: number; messageId: number; callbackQueryId: string; text?: string; showAlert?: boolean; url?: string }
  | { type: "chat_joined"; chat: ChatSummary }
  | { type: "chat_left"; chatId: number }
  | { type: "members_changed"; chatId: number };


/** A bot's standing in a chat, in the Bot API's words. */
export type BotStatus = "member" | "kicked" | "left";

/** What a chat tells a bot; its BotActor turns these into Bot API updates. */
export type BotEvent =
  | { type: "message" | "edited_message"; chat: BotChat; message: StoredMessage }
  | { type: "read"; chat: BotChat; by: Sender; messageId: number }
  | { type: "my_chat_member"; chat: BotChat; by: Sender; oldStatus: BotStatus; newStatus: BotStatus; payload?: string }
  | { type: "callback_query"; chat: BotChat; by: Sender; message: StoredMessage; data: string };
