// Messages as clients and actors exchange them. The web app imports these types, so the
// server and the client cannot drift apart.

export const MAX_TEXT = 4096;
export const MAX_PAGE = 100;

export type MediaKind = "image" | "voice" | "audio" | "video" | "file";

export interface Sender {
  id: number;
  handle: string;
  displayName: string;
  isBot?: boolean;
}

/** Formatting of a text; offsets and lengths are UTF-16 code units, as the Bot API defines them. */
export interface MessageEntity {
  type: "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "code" | "pre" | "text_link" | "blockquote";
  offset: number;
  length: number;
  url?: string;
  language?: string;
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
  /** The sender's own idempotency key; only the sender is shown it. */
  clientMsgId?: string;
}

/** A message as one member sees it: `chatId` is that member's name for the chat. */
export interface Message extends Omit<StoredMessage, "media" | "replyToMessage"> {
  chatId: number;
  media?: Media & { url: string };
  replyToMessage?: Message;
}
