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
  /** The pinned messages' ids, the latest pinned first. */
  pinnedMessageIds?: number[];
  /** The latest pinned message, for the bar at the top of the chat. */
  pinnedMessage?: Message;
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
  /** Inline mode: what the composer shows after "@bot "; absent while the bot has inline mode off. */
  inlinePlaceholder?: string;
  /** The name and descriptions in the language asked for (`?lang=`), falling back to the defaults (setMyName and the rest). */
  texts?: BotTexts;
}

/** What a client shows of a bot in one language. */
export interface BotTexts {
  name: string;
  /** Shown in an empty chat with the bot ("What can this bot do?"). */
  description: string;
  /** Shown on the bot's profile and in the directory. */
  shortDescription: string;
}

/** Telegram's MenuButton: the bot's command list, a Web App to open, or nothing set. */
export type MenuButton = { type: "commands" } | { type: "web_app"; text: string; web_app: { url: string } } | { type: "default" };

/** `GET /api/v1/chats/{chatId}/bot-menu`: a bot of the chat, with the commands and menu button it shows the caller there. */
export interface ChatBotMenu {
  id: number;
  username: string;
  name: string;
  commands: BotCommand[];
  menuButton: MenuButton;
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
  /** Inline mode (BotFather's /setinline): on, and the composer's placeholder. */
  inline: { enabled: boolean; placeholder: string };
}

/** One of my bots, as `GET /api/v1/bots/mine` lists it. */
export interface OwnedBot extends BotProfile {
  ownerId: number;
  avatar: string | null;
  createdAt: number | string;
  status: BotStatus;
}

/** One result of an inline query, as the user is shown it (`POST /api/v1/inline/query`). */
export interface InlineResultView {
  id: string;
  type: "article" | "photo";
  title?: string;
  description?: string;
  /** The message it posts (an article's text, a photo's caption). */
  text: string;
  /** Served by the platform (fetched from the bot's URL, never by the browser), with the session's header. */
  thumbnailUrl?: string;
}

/** A bot's answer to an inline query; `answer: null` when the bot gave none in time. */
export interface InlineAnswerView {
  queryId: string;
  bot: { id: number; username: string; name: string };
  results: InlineResultView[];
  /** Pass back as `offset` for more; empty when there is no more. */
  nextOffset: string;
  /** A button above the results: to the bot's private chat with a start parameter, or its Web App. */
  button?: { text: string; startParameter?: string; webAppUrl?: string };
}

/** The error body of every 4xx and 5xx of the client API. */
export interface ApiError {
  error: { code: string; message: string };
}
