// The shapes the API returns, as the web app uses them.

export interface User {
  id: number;
  handle: string;
  displayName: string;
}

export interface Media {
  kind: "image" | "voice" | "video" | "file";
  fileId: string;
  mime: string;
  size: number;
  name: string;
  url: string;
}

export interface Message {
  id: number;
  chatId: number;
  from: User;
  date: number;
  text: string;
  replyTo?: number;
  editDate?: number;
  media?: Media;
}

export type ChatType = "private" | "group";

export interface ChatSummary {
  id: number;
  type: ChatType;
  title: string;
  lastMessage: Message | null;
  unread: number;
}

export interface Member extends User {
  role: string;
  readId: number;
}

export interface ChatDetails {
  id: number;
  type: ChatType;
  title: string;
  members: Member[];
}

export type ServerEvent =
  | { type: "ready"; userId: number }
  | { type: "message"; chatId: number; message: Message; unread: number }
  | { type: "message_edited"; chatId: number; message: Message }
  | { type: "message_deleted"; chatId: number; messageId: number; unread: number }
  | { type: "read"; chatId: number; userId: number; messageId: number; unread?: number }
  | { type: "typing"; chatId: number; userId: number; handle: string }
  | { type: "chat_joined"; chat: { id: number; type: ChatType; title: string } }
  | { type: "chat_left"; chatId: number }
  | { type: "members_changed"; chatId: number }
  | { type: "synced" }
  | { type: "pong" };
