// What travels on a user's WebSocket, both ways. Every event names the chat as its receiver
// sees it. The web app imports these types.
import type { Message } from "./messages.ts";
import type { Profile } from "./profiles.ts";

export type ChatType = "private" | "group";

export interface ChatSummary {
  id: number;
  type: ChatType;
  title: string;
}

/** Events a chat (or a bot answering a button) sends to its members' sockets. */
export type ClientEvent =
  | { type: "message"; chatId: number; message: Message; unread: number }
  /**
   * The message changed: its text or buttons (then `editDate` moves), or what members did to
   * it (poll tallies and the receiver's own vote, reactions, pinned or not). It carries the
   * whole message as the receiver sees it: replace the held one.
   */
  | { type: "message_edited"; chatId: number; message: Message }
  | { type: "message_deleted"; chatId: number; messageId: number; unread: number }
  | { type: "read"; chatId: number; userId: number; messageId: number; unread?: number }
  | { type: "typing"; chatId: number; userId: number; handle: string }
  | { type: "callback_answer"; chatId: number; messageId: number; callbackQueryId: string; text?: string; showAlert?: boolean; url?: string }
  | { type: "chat_joined"; chat: ChatSummary }
  | { type: "chat_left"; chatId: number }
  | { type: "members_changed"; chatId: number }
  /** A customer profile the receiver (a staff member linked to the customer) may see changed: replace the held one. */
  | { type: "profile_updated"; workspaceId: number; userId: number; profile: Profile }
  /** The receiver is no longer staff of the workspace (removed, or it was deleted): drop what it showed. */
  | { type: "workspace_left"; workspaceId: number }
  /** The receiver was invited to be staff of a workspace (GET /api/v1/me/workspace-invitations lists them). */
  | { type: "workspace_invited"; workspaceId: number; name: string; role: "admin" | "staff" };

/** Everything a socket receives: chat events, and the socket's own protocol frames. */
export type ServerEvent =
  | ClientEvent
  | { type: "ready"; userId: number }
  /** Catch-up is complete; `truncated` names chats with more missed than one sync sends: page their history. */
  | { type: "synced"; truncated?: number[] }
  | { type: "pong" }
  | { type: "error"; message: string };

/** The close code a client sees when its session is over: log in again, do not just reconnect. */
export const SESSION_ENDED = 4001;
/** The close code of a socket pushed out by a newer one of the same user (too many open): do not reconnect by itself. */
export const REPLACED_BY_NEWER = 4002;

/** What a client sends on its socket: the last message id it has per chat, or a keep-alive. */
export type ClientFrame = { type: "sync"; since: Record<string, number> } | { type: "ping" };
