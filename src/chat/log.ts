// The chat's message log: ids 1, 2, 3 ... with no gaps (a deleted message stays as a
// tombstone without content), each sender's idempotency keys, and reads of it.
import type { Contact, ForwardOrigin, Location, Media, MessageEntity, Poll, ReplyMarkup, Sender, StoredMessage } from "../protocol/messages.ts";
import type { Page } from "./messages.ts";
import { pinSnapshot } from "./pin-rules.ts";

export interface NewMessage {
  text: string;
  clientMsgId?: string;
  /** The bot whose inline result this message is ("via @bot"). */
  viaBot?: Sender;
  replyTo?: number;
  /** When the message replied to is gone, send without the reply (the Bot API's allow_sending_without_reply); not stored. */
  replyOptional?: boolean;
  media?: Media;
  entities?: MessageEntity[];
  replyMarkup?: ReplyMarkup;
  location?: Location;
  contact?: Contact;
  /** Where a forwarded message first came from. */
  forwardOrigin?: ForwardOrigin;
  /** A poll, its tallies at zero: they are counted from the votes when shown. */
  poll?: Poll;
  /** A service message: the message its sender pinned (only its id is stored; it is read when shown). */
  pinnedMessageId?: number;
  /** Messages sent together as an album share this id. */
  mediaGroupId?: string;
  /** Not to be forwarded or copied (the Bot API's protect_content). */
  protectContent?: boolean;
}

type MessageRow = {
  id: number;
  sender_id: number;
  sender_handle: string;
  sender_name: string;
  sender_is_bot: number;
  date: number;
  text: string;
  reply_to: number | null;
  media: string | null;
  edit_date: number | null;
  extra: string | null;
  deleted: number;
  client_msg_id: string | null;
};

export class ChatLog {
  constructor(private readonly sql: SqlStorage) {}

  /** Appends a message (and its idempotency key); returns its id. Synchronous, so it commits with the caller's other writes. */
  append(from: Sender, input: NewMessage, date: number): number {
    const id = this.sql
      .exec<{ id: number }>(
        `INSERT INTO messages (sender_id, sender_handle, sender_name, sender_is_bot, date, text, reply_to, media, extra, client_msg_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        from.id,
        from.handle,
        from.displayName,
        from.isBot ? 1 : 0,
        date,
        input.text,
        input.replyTo ?? null,
        input.media ? JSON.stringify(input.media) : null,
        extraOf(input),
        input.clientMsgId ?? null,
      )
      .one().id;
    if (input.clientMsgId !== undefined) this.sql.exec("INSERT INTO idempotency VALUES (?, ?, ?)", from.id, input.clientMsgId, id);
    return id;
  }

  /** The message a sender's `clientMsgId` already made, if any (it may since be deleted). */
  sentBefore(senderId: number, clientMsgId: string): { messageId: number } | null {
    const row = this.sql
      .exec<{ message_id: number }>("SELECT message_id FROM idempotency WHERE sender_id = ? AND client_msg_id = ?", senderId, clientMsgId)
      .toArray()[0];
    return row ? { messageId: row.message_id } : null;
  }

  /** A live (not deleted) message, with the message it replies to. */
  message(id: number): StoredMessage | null {
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id = ? AND deleted = 0", id).toArray()[0];
    return row ? this.withReply(this.stored(row)) : null;
  }

  page(p: Page): StoredMessage[] {
    const rows =
      p.direction === "forward"
        ? this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id > ? AND deleted = 0 ORDER BY id LIMIT ?", p.after, p.limit).toArray()
        : this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id < ? AND deleted = 0 ORDER BY id DESC LIMIT ?", p.before, p.limit).toArray().reverse();
    return rows.map((r) => this.withReply(this.stored(r)));
  }

  latest(): StoredMessage | null {
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE deleted = 0 ORDER BY id DESC LIMIT 1").toArray()[0];
    return row ? this.stored(row) : null;
  }

  lastId(): number {
    return this.sql.exec<{ id: number | null }>("SELECT max(id) AS id FROM messages").one().id ?? 0;
  }

  rewrite(id: number, text: string, extra: { entities?: MessageEntity[]; replyMarkup?: ReplyMarkup }, editDate: number): void {
    // An edit replaces the text's entities and the buttons; the rest (a location, a forward's origin ...) stays.
    const row = this.sql.exec<{ extra: string | null }>("SELECT extra FROM messages WHERE id = ?", id).toArray()[0];
    const { entities: _entities, replyMarkup: _buttons, ...kept } = row?.extra ? (JSON.parse(row.extra) as StoredExtra) : {};
    const next = { ...kept, ...(JSON.parse(extraOf(extra) ?? "{}") as StoredExtra) };
    this.sql.exec("UPDATE messages SET text = ?, extra = ?, edit_date = ? WHERE id = ?", text, Object.keys(next).length ? JSON.stringify(next) : null, editDate, id);
  }

  /** Replaces a message's media (an edit: its caller also rewrites the text and edit date). */
  setMedia(id: number, media: Media): void {
    this.sql.exec("UPDATE messages SET media = ? WHERE id = ?", JSON.stringify(media), id);
  }

  /** Replaces a message's poll (its id once the message has one, its closing): no edit, so no edit date. */
  setPoll(id: number, poll: Poll): void {
    this.sql.exec("UPDATE messages SET extra = json_set(coalesce(extra, '{}'), '$.poll', json(?)) WHERE id = ?", JSON.stringify(poll), id);
  }

  /**
   * The row stays so ids keep no gaps; its content is gone: text, media and everything in
   * `extra` (a location, a contact, a poll, a forward's origin, buttons...). What members did
   * to it (votes, reactions, its pin) is their tables' to clear, in the same synchronous block.
   */
  tombstone(id: number): void {
    this.sql.exec("UPDATE messages SET deleted = 1, text = '', media = NULL, extra = NULL WHERE id = ?", id);
  }

  /** A row as a message; a pin's notice with the message it names, read now (see `pinned`). */
  private stored(r: MessageRow): StoredMessage {
    const { message, pinnedId } = fromRow(r);
    if (pinnedId !== null) message.pinnedMessage = this.pinned(pinnedId);
    return message;
  }

  /**
   * The message a pin's notice names, as it is now: without its reply; once deleted, only
   * its id and sender with date 0 and no content (Telegram's InaccessibleMessage).
   */
  private pinned(id: number): StoredMessage {
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id = ?", id).one();
    const { message } = fromRow(row);
    return row.deleted ? { id, from: message.from, date: 0, text: "" } : pinSnapshot(message);
  }

  /** Attaches the message replied to, one level deep. */
  private withReply(m: StoredMessage): StoredMessage {
    if (m.replyTo === undefined) return m;
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id = ? AND deleted = 0", m.replyTo).toArray()[0];
    return row ? { ...m, replyToMessage: this.stored(row) } : m;
  }
}

/** The row as a message, and the id of the message a pin's notice names (read by ChatLog.stored). */
function fromRow(r: MessageRow): { message: StoredMessage; pinnedId: number | null } {
  const m: StoredMessage = {
    id: r.id,
    from: { id: r.sender_id, handle: r.sender_handle, displayName: r.sender_name, ...(r.sender_is_bot ? { isBot: true } : {}) },
    date: r.date,
    text: r.text,
  };
  if (r.reply_to !== null) m.replyTo = r.reply_to;
  if (r.media) m.media = JSON.parse(r.media) as Media;
  if (r.edit_date !== null) m.editDate = r.edit_date;
  let pinnedId: number | null = null;
  if (r.extra) {
    // A notice stored before only ids were kept holds a copy: its id is taken, the copy never shown.
    const { pinnedMessageId, pinnedMessage: legacy, ...extra } = JSON.parse(r.extra) as StoredExtra & { pinnedMessage?: StoredMessage };
    Object.assign(m, extra);
    pinnedId = pinnedMessageId ?? legacy?.id ?? null;
  }
  if (r.client_msg_id !== null) m.clientMsgId = r.client_msg_id;
  return { message: m, pinnedId };
}

/** What a message keeps in its `extra` JSON column. */
type StoredExtra = Pick<StoredMessage, "entities" | "replyMarkup" | "location" | "contact" | "forwardOrigin" | "poll" | "mediaGroupId" | "viaBot" | "protectContent"> & Pick<NewMessage, "pinnedMessageId">;

function extraOf(input: StoredExtra): string | null {
  const extra: StoredExtra = {};
  if (input.entities?.length) extra.entities = input.entities;
  if (input.replyMarkup) extra.replyMarkup = input.replyMarkup;
  if (input.location) extra.location = input.location;
  if (input.contact) extra.contact = input.contact;
  if (input.forwardOrigin) extra.forwardOrigin = input.forwardOrigin;
  if (input.poll) extra.poll = input.poll;
  if (input.pinnedMessageId !== undefined) extra.pinnedMessageId = input.pinnedMessageId;
  if (input.mediaGroupId) extra.mediaGroupId = input.mediaGroupId;
  if (input.viaBot) extra.viaBot = input.viaBot;
  if (input.protectContent) extra.protectContent = true;
  return Object.keys(extra).length ? JSON.stringify(extra) : null;
}
