// What a user's sockets receive. Every event names the chat as that user sees it.
import type { Message } from "./messages.ts";

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
  | { type: "chat_joined"; chat: ChatSummary }
  | { type: "chat_left"; chatId: number }
  | { type: "members_changed"; chatId: number };
