// Messages as clients see them, and the paging rule for history.
import type { MediaKind } from "./media.ts";
import type { MessageEntity } from "./telegram/markup.ts";

export const MAX_TEXT = 4096;
export const MAX_PAGE = 100;

export interface Sender {
  id: number;
  handle: string;
  displayName: string;
  isBot?: boolean;
}

/** Buttons under a message or a keyboard for the composer, in the Bot API's own shape. */
export type ReplyMarkup =
  | { inline_keyboard: InlineButton[][] }
  | {
      keyboard: { text: string }[][];
      resize_keyboard?: boolean;
      one_time_keyboard?: boolean;
      is_persistent?: boolean;
      input_field_placeholder?: string;
    }
  | { remove_keyboard: true }
  | { force_reply: true; input_field_placeholder?: string };

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface Media {
  kind: MediaKind;
  fileId: string;
  mime: string;
  size: number;
  name: string;
}

/** A message as its ChatActor stores it: the same for every member. */
export interface StoredMessage {
  id: number;
  from: Sender;
  date: number;
  text: string;
  replyTo?: number;
  /** The message replied to, one level deep, for clients and bots that quote it. */
  replyToMessage?: StoredMessage;
  media?: Media;
  editDate?: number;
  entities?: MessageEntity[];
  replyMarkup?: ReplyMarkup;
}

/** A message as one member sees it: `chatId` is that member's name for the chat. */
export interface Message extends StoredMessage {
  chatId: number;
  media?: Media & { url: string };
}

export function present(chatId: number, m: StoredMessage): Message {
  const { media, ...rest } = m;
  const out: Message = { ...rest, chatId };
  if (media) out.media = { ...media, url: `/api/v1/chats/${chatId}/media/${media.fileId}` };
  return out;
}

export type Page = { after: number; limit: number; direction: "forward" } | { before: number; limit: number; direction: "backward" };

/**
 * `after` pages forward from a message id (0: from the start); `before` pages backward,
 * giving the `limit` messages just before it. Either way the page is oldest first.
 */
export function page(q: { after?: number; before?: number; limit?: number }): Page {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), MAX_PAGE);
  if (q.before !== undefined) return { before: q.before, limit, direction: "backward" };
  return { after: q.after ?? 0, limit, direction: "forward" };
}
