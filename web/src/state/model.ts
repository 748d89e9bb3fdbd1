// The state the web app renders, as plain data. `reduce.ts` is the only thing that changes
// the data parts; the session sets the rest (connection status, notices) directly.
import type { BotProfile, ChatDetails, ChatListItem, Message, User } from "../types.ts";

/** The live stream's connection, as the header shows it. */
export type StreamStatus = "connecting" | "online" | "offline";

export interface History {
  messages: Message[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Why the chat cannot be shown (it does not exist, or I am not a member): no spinner for good. */
  unavailable?: string;
}

/**
 * A message on its way to the server, shown greyed until the server answers. Its
 * `clientMsgId` is its identity: the server echoes it on the stored message, and
 * deduplicates on it, so sending it again can never store it twice.
 *  - sending: a POST is in flight;
 *  - unsent: the server could not be reached; it goes again when the connection is back;
 *  - refused: the server said no; it waits for the user to retry or discard it.
 */
export interface Pending {
  chatId: number;
  clientMsgId: string;
  text: string;
  file?: File;
  previewUrl?: string;
  date: number;
  state: "sending" | "unsent" | "refused";
  reason?: string;
}

export interface Typist {
  userId: number;
  handle: string;
  until: number;
}

export interface AppState {
  booting: boolean;
  me: User | null;
  status: StreamStatus;
  chats: ChatListItem[];
  chatsLoaded: boolean;
  openChatId: number | null;
  history: Record<number, History>;
  details: Record<number, ChatDetails>;
  /** chatId → userId → that member's read cursor (last message id read). */
  reads: Record<number, Record<number, number>>;
  typing: Record<number, Typist[]>;
  pending: Pending[];
  notice: string | null;
  /** Inline buttons waiting for the bot's answer, as `chatId:messageId:data`. */
  pressing: Record<string, true>;
  /** The text of a bot's answer to a pressed button: a toast, or a dialog when `alert`. */
  botAnswer: { text: string; alert: boolean; url?: string } | null;
  /** Bots I have blocked (by id), as the server reports them in chat details. */
  blocked: Record<number, boolean>;
  /** Bot profiles (with their command menus), by lower-cased username. */
  bots: Record<string, BotProfile>;
  /** A start of a bot I blocked, waiting for me to say whether to unblock it. */
  askUnblock: { username: string; payload?: string } | null;
}

export const initialState: AppState = {
  booting: true,
  me: null,
  status: "connecting",
  chats: [],
  chatsLoaded: false,
  openChatId: null,
  history: {},
  details: {},
  reads: {},
  typing: {},
  pending: [],
  notice: null,
  pressing: {},
  botAnswer: null,
  blocked: {},
  bots: {},
  askUnblock: null,
};

export const emptyHistory: History = { messages: [], loaded: false, hasOlder: false, loadingOlder: false };
