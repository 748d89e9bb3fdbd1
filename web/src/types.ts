// The shapes the API returns, as the web app uses them.

export interface User {
  id: number;
  handle: string;
  displayName: string;
  isBot?: boolean;
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
  replyToMessage?: Message;
  editDate?: number;
  media?: Media;
  entities?: Entity[];
  replyMarkup?: ReplyMarkup;
}

/** Formatting of a bot's text; offsets and lengths are UTF-16 code units (JS string indices). */
export interface Entity {
  type: "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "code" | "pre" | "text_link" | "blockquote" | (string & {});
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export type ReplyMarkup =
  | { inline_keyboard: InlineButton[][] }
  | { keyboard: ({ text: string } | string)[][]; resize_keyboard?: boolean; one_time_keyboard?: boolean; input_field_placeholder?: string }
  | { remove_keyboard: true };

export interface BotCommand {
  command: string;
  description: string;
}

/** A bot as the directory lists it. */
export interface BotListing {
  id: number;
  username: string;
  name: string;
  description: string;
  about: string;
  category: string;
}

export interface BotProfile extends BotListing {
  commands: BotCommand[];
}

export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  max_connections?: number;
  last_error_date?: number;
  last_error_message?: string;
  allowed_updates?: string[];
}

export interface BotStatus {
  webhook: WebhookInfo;
  privacy: boolean;
  rateLimits: unknown;
  subscribers: number;
}

/** One of my bots, as the developer page shows it. */
export interface OwnedBot extends BotProfile {
  ownerId: number;
  avatar: string | null;
  createdAt: number | string;
  status: BotStatus;
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
  /** In a private chat with a bot: whether I have blocked it. */
  blocked?: boolean;
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
  | { type: "callback_answer"; chatId: number; messageId: number; callbackQueryId: string; text?: string; showAlert?: boolean; url?: string }
  | { type: "synced" }
  | { type: "pong" };
