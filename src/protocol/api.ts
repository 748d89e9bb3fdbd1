// The client API's answers, as the web app reads them. Routes build these shapes; the web
// app imports the types, so a field cannot be added on one side and missed on the other.
import type { ChatType } from "./events.ts";
import type { Message, Sender } from "./messages.ts";

export type User = Sender;

export type Role = "owner" | "admin" | "member";

/** One row of `GET /api/v1/chats`. */
export interface ChatListItem {
  id: number;
  type: ChatType;
  title: string;
  lastMessage: Message | null;
  unread: number;
}

export interface Member extends User {
  role: Role;
  readId: number;
}

/** `GET /api/v1/chats/{chatId}`. */
export interface ChatDetails {
  id: number;
  type: ChatType;
  title: string;
  members: Member[];
  /** In a private chat with a bot: whether the viewer has blocked it. */
  blocked?: boolean;
}

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
  avatarUrl?: string | null;
}

/** The Bot API's getWebhookInfo. */
export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  max_connections?: number;
  last_error_date?: number;
  last_error_message?: string;
  allowed_updates?: string[];
}

export interface Limit {
  rate: number;
  burst: number;
}

export interface RateLimits {
  global: Limit;
  privateChat: Limit;
  group: Limit;
}

/** What the developer page shows of a bot's actor. */
export interface BotStatus {
  webhook: WebhookInfo;
  privacy: boolean;
  rateLimits: RateLimits;
  subscribers: number;
}

/** One of my bots, as `GET /api/v1/bots/mine` lists it. */
export interface OwnedBot extends BotProfile {
  ownerId: number;
  avatar: string | null;
  createdAt: number | string;
  status: BotStatus;
}

/** The error body of every 4xx and 5xx of the client API. */
export interface ApiError {
  error: { code: string; message: string };
}
