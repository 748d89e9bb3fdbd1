// Messages as clients and actors exchange them. The web app imports these types, so the
// server and the client cannot drift apart.

export const MAX_TEXT = 4096;
export const MAX_PAGE = 100;

export type MediaKind = "image" | "voice" | "audio" | "video" | "file" | "sticker" | "animation" | "video_note";

export interface Sender {
  id: number;
  handle: string;
  displayName: string;
  isBot?: boolean;
}

/** Every entity type Telegram's messages carry: formatting, and what clients detect in text. */
export const ENTITY_TYPES = [
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Formatting of a text; offsets and lengths are UTF-16 code units, as the Bot API defines them. */
export interface MessageEntity {
  type: EntityType;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  /** text_mention: the user named (`isBot` when known). */
  user?: { id: number; handle?: string; displayName: string; isBot?: boolean };
  custom_emoji_id?: string;
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

/** Exactly one action besides `text`, as in the Bot API. */
export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  /** Opens the composer in a chat the user picks, with "@bot <query>". */
  switch_inline_query?: string;
  /** Puts "@bot <query>" in this chat's composer. */
  switch_inline_query_current_chat?: string;
  /** Like switch_inline_query, among the kinds of chat it allows. */
  switch_inline_query_chosen_chat?: { query?: string; allow_user_chats?: boolean; allow_bot_chats?: boolean; allow_group_chats?: boolean; allow_channel_chats?: boolean };
  copy_text?: { text: string };
  login_url?: { url: string; forward_text?: string; bot_username?: string; request_write_access?: boolean };
  web_app?: { url: string };
}

export interface Media {
  kind: MediaKind;
  fileId: string;
  mime: string;
  size: number;
  name: string;
  /** Pixels, for images, stickers, animations and videos, when the upload says. */
  width?: number;
  height?: number;
  /** Seconds, for voice, audio and video, when the upload says. */
  duration?: number;
  /** A smaller image of a photo or a video, stored beside it. */
  thumbnail?: { fileId: string; width: number; height: number; size: number };
}

export interface Location {
  latitude: number;
  longitude: number;
  /** Metres of uncertainty, 0 to 1500. */
  horizontalAccuracy?: number;
}

export interface Contact {
  phoneNumber: string;
  firstName: string;
  lastName?: string;
  /** The contact's Switchboard account, when the sender named one. */
  userId?: number;
  /** Further data about the contact as a vCard, up to 2048 bytes. */
  vcard?: string;
}

export interface PollOption {
  text: string;
  voterCount: number;
}

/** A poll as stored with its message; the tallies are counted from the votes. */
export interface Poll {
  /** Stable across the chat: `<chat key>/<message id>`, as bots see it in poll_answer. */
  id: string;
  question: string;
  options: PollOption[];
  totalVoterCount: number;
  isClosed: boolean;
  isAnonymous: boolean;
  type: "regular" | "quiz";
  allowsMultipleAnswers: boolean;
  correctOptionId?: number;
  explanation?: string;
  /** Unix time the poll closes by itself. */
  closeDate?: number;
  /** Seconds the poll stays open after it was sent, when the sender said so (closeDate is then set too). */
  openPeriod?: number;
  /** The options the viewing member chose (present() fills it per member). */
  chosen?: number[];
}

/** One emoji's reactions on a message. */
export interface Reaction {
  emoji: string;
  count: number;
  /** Who reacted, so clients can show names and whether "I" did. */
  userIds: number[];
}

/** Where a forwarded message first came from. */
export interface ForwardOrigin {
  /** The original sender, when the forwarder may name them (always, for bots and users here). */
  from: Sender;
  date: number;
  /** The group it came from, when it was a group. */
  chatTitle?: string;
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
  location?: Location;
  contact?: Contact;
  poll?: Poll;
  /** Messages sent together as an album share this id. */
  mediaGroupId?: string;
  forwardOrigin?: ForwardOrigin;
  /** The bot whose inline result this message is. */
  viaBot?: Sender;
  /** Sent with the Bot API's protect_content: it can't be forwarded or copied. */
  protectContent?: boolean;
  reactions?: Reaction[];
  /** Whether the message is pinned in its chat. */
  pinned?: boolean;
  /**
   * A service message: its sender pinned this message (as it is now, without its reply; once
   * deleted, its id with date 0 and no content, as Telegram's InaccessibleMessage).
   */
  pinnedMessage?: StoredMessage;
}

/** A message as one member sees it: `chatId` is that member's name for the chat. */
export interface Message extends Omit<StoredMessage, "media" | "replyToMessage" | "pinnedMessage"> {
  chatId: number;
  /** `thumbnailUrl`: the smaller image stored beside a photo, for lists; `url` is the original. */
  media?: Media & { url: string; thumbnailUrl?: string };
  replyToMessage?: Message;
  pinnedMessage?: Message;
}
