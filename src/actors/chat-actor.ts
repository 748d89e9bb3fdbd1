// One chat: its ordered message log, members and roles, read cursors, idempotency keys, and
// fan-out to its members' actors. A message is durable here before its sender learns its id;
// fan-out follows. A member whose delivery fails is marked lagging and skipped by later
// fan-outs (so nobody ever receives a chat's messages out of order); the alarm replays what
// that member missed, from the log, until it has caught up. Receivers drop repeats.
import { DurableObject } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { and, eq, inArray } from "drizzle-orm";
import type { Env } from "../env.ts";
import { chunks } from "../storage/chunks.ts";
import { chatMembers } from "../storage/schema.ts";
import { chatIdFor, parseChatKey, type ChatKey } from "../domain/chat-ids.ts";
import { canAddMembers, canDeleteMessage, canEditMessage, canRemoveMember, canSetRole, type Role } from "../domain/roles.ts";
import { page, present, type Media, type Message, type Page, type ReplyMarkup, type Sender, type StoredMessage } from "../domain/messages.ts";
import type { BotEvent, BotStatus, ChatSummary, ClientEvent } from "../domain/events.ts";
import type { MessageEntity } from "../domain/telegram/markup.ts";
import type { BotChat } from "../domain/telegram/wire.ts";
import type { Result } from "../domain/result.ts";

export interface Member extends Sender {
  role: Role;
  readId: number;
}

export interface NewMessage {
  text: string;
  clientMsgId?: string;
  replyTo?: number;
  media?: Media;
  entities?: MessageEntity[];
  replyMarkup?: ReplyMarkup;
}

const REPAIR_DELAY_MS = 2_000;

export class ChatActor extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private repairArmed = false;
  private cachedKey: ChatKey | null = null;
  private draining = false;
  private waiters: { id: number; resolve: () => void }[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS members (
        user_id INTEGER PRIMARY KEY, role TEXT NOT NULL, handle TEXT NOT NULL, display_name TEXT NOT NULL,
        is_bot INTEGER NOT NULL DEFAULT 0, read_id INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0,
        blocked INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT, sender_id INTEGER NOT NULL, sender_handle TEXT NOT NULL,
        sender_name TEXT NOT NULL, sender_is_bot INTEGER NOT NULL DEFAULT 0, date INTEGER NOT NULL, text TEXT NOT NULL, reply_to INTEGER,
        media TEXT, edit_date INTEGER, extra TEXT, deleted INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS idempotency (
        sender_id INTEGER NOT NULL, client_msg_id TEXT NOT NULL, message_id INTEGER NOT NULL,
        PRIMARY KEY (sender_id, client_msg_id));
      CREATE TABLE IF NOT EXISTS pending_fanout (message_id INTEGER PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS lagging (user_id INTEGER PRIMARY KEY, after_id INTEGER NOT NULL);
    `);
  }

  // ---- membership -------------------------------------------------------------------------

  /**
   * Opens the private chat of two users. Idempotent, and a call that failed half-way (the
   * D1 index, the announcements) is completed by the next one.
   */
  async openPrivate(key: ChatKey, a: Sender, b: Sender): Promise<void> {
    if (!this.key()) {
      this.setMeta(key, "private", "");
      this.insertMember(a, "member");
      this.insertMember(b, "member");
    }
    await this.announce(a, [a, b]);
  }

  async createGroup(key: ChatKey, title: string, owner: Sender, members: Sender[]): Promise<ChatSummary> {
    if (!this.key()) {
      this.setMeta(key, "group", title);
      this.insertMember(owner, "owner");
      for (const m of members) if (m.id !== owner.id) this.insertMember(m, "member");
    }
    await this.announce(owner, this.members());
    return this.summaryFor(owner.id);
  }

  /** Indexes a new chat's members in D1 and tells them (bots: my_chat_member), once. */
  private async announce(by: Sender, members: Sender[]): Promise<void> {
    if (this.metaValue("announced")) return;
    const ids = members.map((m) => m.id);
    await this.indexMembers(ids, []);
    await this.fanout(ids, (uid) => ({ type: "chat_joined", chat: this.summaryFor(uid, members) }));
    for (const m of members) {
      if (m.isBot) await this.tellBot(m.id, m.id === by.id ? members.find((o) => o.id !== m.id)! : by, "left", "member");
    }
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES ('announced', '1')");
  }

  async addMembers(actorId: number, users: Sender[]): Promise<Result<{ added: number[] }>> {
    const actor = this.member(actorId);
    if (!actor) return { ok: false, reason: "not_member" };
    if (this.type() !== "group") return { ok: false, reason: "not_group" };
    if (!canAddMembers(actor.role)) return { ok: false, reason: "forbidden" };
    const added = users.filter((u) => !this.member(u.id));
    for (const u of added) this.insertMember(u, "member");
    const ids = added.map((u) => u.id);
    await this.indexMembers(ids, []);
    await this.fanout(ids, (uid) => ({ type: "chat_joined", chat: this.summaryFor(uid) }));
    await this.fanout(this.memberIds().filter((id) => !ids.includes(id)), (uid) => ({ type: "members_changed", chatId: this.chatIdOf(uid) }));
    for (const u of added) if (u.isBot) await this.tellBot(u.id, actor, "left", "member");
    return { ok: true, value: { added: ids } };
  }

  async removeMember(actorId: number, targetId: number): Promise<Result<null>> {
    const actor = this.member(actorId);
    if (!actor) return { ok: false, reason: "not_member" };
    if (this.type() !== "group") return { ok: false, reason: "not_group" };
    const target = this.member(targetId);
    if (!target) return { ok: false, reason: "user_not_member" };
    if (!canRemoveMember(actorId, actor.role, targetId, target.role)) return { ok: false, reason: "forbidden" };
    if (target.isBot) await this.tellBot(targetId, actor, "member", "left");
    this.sql.exec("DELETE FROM members WHERE user_id = ?", targetId);
    await this.indexMembers([], [targetId]);
    await this.fanout([targetId], (uid) => ({ type: "chat_left", chatId: this.chatIdOf(uid) }));
    await this.fanout(this.memberIds(), (uid) => ({ type: "members_changed", chatId: this.chatIdOf(uid) }));
    return { ok: true, value: null };
  }

  async setRole(actorId: number, targetId: number, role: Role): Promise<Result<null>> {
    const actor = this.member(actorId);
    if (!actor) return { ok: false, reason: "not_member" };
    if (this.type() !== "group") return { ok: false, reason: "not_group" };
    const target = this.member(targetId);
    if (!target) return { ok: false, reason: "user_not_member" };
    if (!canSetRole(actor.role, target.role, role)) return { ok: false, reason: "forbidden" };
    this.sql.exec("UPDATE members SET role = ? WHERE user_id = ?", role, targetId);
    await this.fanout(this.memberIds(), (uid) => ({ type: "members_changed", chatId: this.chatIdOf(uid) }));
    return { ok: true, value: null };
  }

  /** The chat as `viewerId` sees it, with members and their read cursors. */
  describe(viewerId: number): Result<ChatSummary & { members: Member[]; blocked?: boolean }> {
    const me = this.member(viewerId);
    if (!me) return { ok: false, reason: "not_member" };
    const members = this.members();
    const details: ChatSummary & { members: Member[]; blocked?: boolean } = { ...this.summaryFor(viewerId), members };
    // In a private chat with a bot: whether the viewer has blocked it.
    if (this.type() === "private" && members.some((m) => m.isBot && m.id !== viewerId)) {
      details.blocked = this.sql.exec<{ blocked: number }>("SELECT blocked FROM members WHERE user_id = ?", viewerId).one().blocked === 1;
    }
    return { ok: true, value: details };
  }

  isMember(userId: number): boolean {
    return this.member(userId) !== null;
  }

  /** The chat in the Bot API's terms, for a bot that is a member; else null. */
  botChat(botId: number): BotChat | null {
    return this.member(botId) ? this.viewFor(botId) : null;
  }

  /** A user blocks (or unblocks) the bot of this private chat. */
  async setBlocked(userId: number, blocked: boolean): Promise<Result<{ botId: number }>> {
    const me = this.member(userId);
    if (!me) return { ok: false, reason: "not_member" };
    const bot = this.type() === "private" ? this.member(this.chatIdOf(userId)) : null;
    if (!bot?.isBot) return { ok: false, reason: "not_bot_chat" };
    const was = this.blockedBy(bot.id);
    if (was !== blocked) {
      this.sql.exec("UPDATE members SET blocked = ? WHERE user_id = ?", blocked ? 1 : 0, userId);
      await this.tellBot(bot.id, me, was ? "kicked" : "member", blocked ? "kicked" : "member");
    }
    return { ok: true, value: { botId: bot.id } };
  }

  /** A user presses an inline button under a bot's message: the bot gets a callback_query. */
  async press(userId: number, messageId: number, data: string): Promise<Result<{ botId: number }>> {
    const me = this.member(userId);
    if (!me) return { ok: false, reason: "not_member" };
    const m = this.message(messageId);
    if (!m) return { ok: false, reason: "message_not_found" };
    const rows = m.replyMarkup && "inline_keyboard" in m.replyMarkup ? m.replyMarkup.inline_keyboard : [];
    const bot = this.member(m.from.id);
    if (!bot?.isBot || !rows.flat().some((b) => b.callback_data === data)) return { ok: false, reason: "no_such_button" };
    await this.env.BOTS.getByName(String(bot.id)).receive([
      { type: "callback_query", chat: this.viewFor(bot.id), by: me, message: m, data },
    ]);
    return { ok: true, value: { botId: bot.id } };
  }

  // ---- messages ---------------------------------------------------------------------------

  async post(from: Sender, input: NewMessage): Promise<Result<Message>> {
    const sender = this.member(from.id);
    if (!sender) return { ok: false, reason: "not_member" };
    if (input.clientMsgId !== undefined) {
      const seen = this.sql
        .exec<{ message_id: number }>(
          "SELECT message_id FROM idempotency WHERE sender_id = ? AND client_msg_id = ?",
          from.id,
          input.clientMsgId,
        )
        .toArray()[0];
      if (seen) {
        const earlier = this.message(seen.message_id);
        return earlier ? { ok: true, value: present(this.chatIdOf(from.id), earlier) } : { ok: false, reason: "duplicate_deleted" };
      }
    }
    if (input.replyTo !== undefined && !this.message(input.replyTo)) return { ok: false, reason: "reply_not_found" };
    if (sender.isBot && this.blockedBy(from.id)) return { ok: false, reason: "bot_blocked" };

    // One synchronous block: the message, its idempotency key, the sender's read cursor,
    // everyone else's unread count and the fan-out marker commit together.
    const date = Math.floor(Date.now() / 1000);
    const id = this.sql
      .exec<{ id: number }>(
        `INSERT INTO messages (sender_id, sender_handle, sender_name, sender_is_bot, date, text, reply_to, media, extra)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        from.id,
        sender.handle,
        sender.displayName,
        sender.isBot ? 1 : 0,
        date,
        input.text,
        input.replyTo ?? null,
        input.media ? JSON.stringify(input.media) : null,
        extraOf(input),
      )
      .one().id;
    if (input.clientMsgId !== undefined) {
      this.sql.exec("INSERT INTO idempotency VALUES (?, ?, ?)", from.id, input.clientMsgId, id);
    }
    this.sql.exec("UPDATE members SET read_id = ?, unread = 0 WHERE user_id = ?", id, from.id); // sending reads the chat
    this.sql.exec("UPDATE members SET unread = unread + 1 WHERE user_id != ?", from.id);
    this.sql.exec("INSERT INTO pending_fanout VALUES (?)", id);
    this.armRepair(); // should this instance die mid-fan-out, the alarm finishes it

    await this.delivered(id);
    return { ok: true, value: present(this.chatIdOf(from.id), this.message(id)!) };
  }

  /** Changes a message's text (with its entities) or its buttons; `replyMarkup: null` removes them. */
  async edit(
    actorId: number,
    messageId: number,
    change: { text?: string; entities?: MessageEntity[]; replyMarkup?: ReplyMarkup | null },
  ): Promise<Result<Message>> {
    if (!this.member(actorId)) return { ok: false, reason: "not_member" };
    const m = this.message(messageId);
    if (!m) return { ok: false, reason: "message_not_found" };
    if (!canEditMessage(actorId, m.from.id)) return { ok: false, reason: "forbidden" };
    const text = change.text ?? m.text;
    const entities = change.text !== undefined ? change.entities : m.entities;
    const replyMarkup = change.replyMarkup === undefined ? m.replyMarkup : (change.replyMarkup ?? undefined);
    const same = (e?: MessageEntity[]) => (e?.length ? e : undefined);
    if (text === m.text && JSON.stringify([same(entities), replyMarkup]) === JSON.stringify([same(m.entities), m.replyMarkup])) {
      return { ok: false, reason: "not_modified" };
    }
    this.sql.exec(
      "UPDATE messages SET text = ?, extra = ?, edit_date = ? WHERE id = ?",
      text,
      extraOf({ ...(entities ? { entities } : {}), ...(replyMarkup ? { replyMarkup } : {}) }),
      Math.floor(Date.now() / 1000),
      messageId,
    );
    const edited = this.message(messageId)!;
    await this.fanout(this.memberIds(), (uid) => ({
      type: "message_edited",
      chatId: this.chatIdOf(uid),
      message: present(this.chatIdOf(uid), edited),
    }));
    return { ok: true, value: present(this.chatIdOf(actorId), edited) };
  }

  async remove(actorId: number, messageId: number): Promise<Result<null>> {
    const actor = this.member(actorId);
    if (!actor) return { ok: false, reason: "not_member" };
    const m = this.message(messageId);
    if (!m) return { ok: false, reason: "message_not_found" };
    if (!canDeleteMessage(actorId, actor.role, m.from.id, this.type() === "group")) return { ok: false, reason: "forbidden" };
    // The row stays as a tombstone so ids keep no gaps; its content is gone.
    this.sql.exec("UPDATE messages SET deleted = 1, text = '', media = NULL WHERE id = ?", messageId);
    this.recountUnread();
    const unread = new Map(this.members().map((mm) => [mm.id, this.unreadOf(mm.id)]));
    await this.fanout(this.memberIds(), (uid) => ({
      type: "message_deleted",
      chatId: this.chatIdOf(uid),
      messageId,
      unread: unread.get(uid) ?? 0,
    }));
    if (m.media) await this.env.MEDIA.delete(`${this.key()}/${m.media.fileId}`);
    return { ok: true, value: null };
  }

  history(viewerId: number, q: { after?: number; before?: number; limit?: number }): Result<Message[]> {
    if (!this.member(viewerId)) return { ok: false, reason: "not_member" };
    const p: Page = page(q);
    const rows =
      p.direction === "forward"
        ? this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id > ? AND deleted = 0 ORDER BY id LIMIT ?", p.after, p.limit).toArray()
        : this.sql
            .exec<MessageRow>("SELECT * FROM messages WHERE id < ? AND deleted = 0 ORDER BY id DESC LIMIT ?", p.before, p.limit)
            .toArray()
            .reverse();
    const chatId = this.chatIdOf(viewerId);
    return { ok: true, value: rows.map((r) => present(chatId, this.withReply(toStored(r)))) };
  }

  /** Moves `userId`'s read cursor forward to `messageId` and tells every member. */
  async markRead(userId: number, messageId: number): Promise<Result<{ readId: number; unread: number }>> {
    const me = this.member(userId);
    if (!me) return { ok: false, reason: "not_member" };
    const last = this.lastId();
    const readId = Math.max(me.readId, Math.min(messageId, last));
    if (readId > me.readId) {
      this.sql.exec("UPDATE members SET read_id = ? WHERE user_id = ?", readId, userId);
      this.recountUnread(userId);
      const unread = this.unreadOf(userId);
      await this.fanout(this.memberIds(), (uid) => ({
        type: "read",
        chatId: this.chatIdOf(uid),
        userId,
        messageId: readId,
        ...(uid === userId ? { unread } : {}),
      }));
    }
    return { ok: true, value: { readId, unread: this.unreadOf(userId) } };
  }

  async typing(userId: number): Promise<Result<null>> {
    const me = this.member(userId);
    if (!me) return { ok: false, reason: "not_member" };
    const others = this.memberIds().filter((id) => id !== userId);
    await this.fanout(others, (uid) => ({ type: "typing", chatId: this.chatIdOf(uid), userId, handle: me.handle }));
    return { ok: true, value: null };
  }

  /** The latest message and `userId`'s unread count, for the chat list. */
  glance(userId: number): { lastMessage: Message | null; unread: number } | null {
    if (!this.member(userId)) return null;
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE deleted = 0 ORDER BY id DESC LIMIT 1").toArray()[0];
    return { lastMessage: row ? present(this.chatIdOf(userId), toStored(row)) : null, unread: this.unreadOf(userId) };
  }

  override async alarm(): Promise<void> {
    this.repairArmed = false;
    await this.drain();
    await this.catchUpLagging();
  }

  // ---- internals --------------------------------------------------------------------------

  /** Resolves once message `id` has been handed to every member (or left for repair). */
  private delivered(id: number): Promise<void> {
    const done = new Promise<void>((resolve) => this.waiters.push({ id, resolve }));
    void this.drain();
    return done;
  }

  /**
   * The only live path by which messages leave this chat: batches of `pending_fanout`,
   * oldest first, one batch at a time, so every member receives a chat's messages in id
   * order. Members that fail are marked lagging and left to `catchUpLagging`.
   */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const ids = this.sql
          .exec<{ message_id: number }>("SELECT message_id FROM pending_fanout ORDER BY message_id LIMIT 100")
          .toArray()
          .map((r) => r.message_id);
        if (ids.length === 0) break;
        const batch = ids.map((id) => this.message(id)).filter((m): m is StoredMessage => m !== null);
        const lagging = new Set(this.sql.exec<{ user_id: number }>("SELECT user_id FROM lagging").toArray().map((r) => r.user_id));
        const recipients = this.memberIds().filter((uid) => !lagging.has(uid));
        const failed = await this.deliverMessages(recipients, batch);
        for (const uid of failed) this.sql.exec("INSERT OR IGNORE INTO lagging VALUES (?, ?)", uid, ids[0]! - 1);
        if (failed.length) this.armRepair();
        const last = ids.at(-1)!;
        this.sql.exec("DELETE FROM pending_fanout WHERE message_id <= ?", last);
        this.release((id) => id <= last);
      }
    } finally {
      this.draining = false;
      this.release(() => true);
    }
  }

  /** Replays the log to members whose delivery failed, until each has caught up. */
  private async catchUpLagging(): Promise<void> {
    const rows = this.sql.exec<{ user_id: number; after_id: number }>("SELECT * FROM lagging").toArray();
    for (const { user_id, after_id } of rows) {
      let after = after_id;
      for (;;) {
        const batch = this.sql
          .exec<MessageRow>("SELECT * FROM messages WHERE id > ? AND deleted = 0 ORDER BY id LIMIT 100", after)
          .toArray()
          .map((r) => this.withReply(toStored(r)));
        if (batch.length === 0 || !this.member(user_id)) {
          this.sql.exec("DELETE FROM lagging WHERE user_id = ?", user_id); // caught up: live fan-out includes them again
          break;
        }
        if ((await this.deliverMessages([user_id], batch)).length) {
          this.sql.exec("UPDATE lagging SET after_id = ? WHERE user_id = ?", after, user_id);
          this.armRepair();
          break;
        }
        after = batch.at(-1)!.id;
      }
    }
  }

  /** Sends `batch` to each of `userIds`; returns those whose delivery failed. */
  private async deliverMessages(userIds: number[], batch: StoredMessage[]): Promise<number[]> {
    const unread = new Map(
      this.sql.exec<{ user_id: number; unread: number }>("SELECT user_id, unread FROM members").toArray().map((r) => [r.user_id, r.unread]),
    );
    return this.fanout(userIds, (uid) => {
      const chatId = this.chatIdOf(uid);
      return batch.map((m) => ({ type: "message", chatId, message: present(chatId, m), unread: unread.get(uid) ?? 0 }));
    });
  }

  private release(which: (id: number) => boolean): void {
    const keep: typeof this.waiters = [];
    for (const w of this.waiters) (which(w.id) ? w.resolve() : keep.push(w));
    this.waiters = keep;
  }

  /**
   * Sends each member their own view of events: people through their UserActor, bots
   * through their BotActor (as Bot API events). Returns the members it could not reach.
   */
  private async fanout(userIds: number[], eventsFor: (userId: number) => ClientEvent | ClientEvent[]): Promise<number[]> {
    const bots = new Set(this.sql.exec<{ user_id: number }>("SELECT user_id FROM members WHERE is_bot = 1").toArray().map((r) => r.user_id));
    const results = await Promise.allSettled(
      userIds.map(async (uid) => {
        const events = [eventsFor(uid)].flat();
        if (!bots.has(uid)) return this.env.USERS.getByName(String(uid)).deliver(events);
        const forBot = events.map((e) => this.botEvent(uid, e)).filter((e) => e !== null);
        if (forBot.length) await this.env.BOTS.getByName(String(uid)).receive(forBot);
      }),
    );
    const failed: number[] = [];
    results.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      failed.push(userIds[i]!);
      console.error("fan-out failed", this.key(), userIds[i], r.reason);
    });
    return failed;
  }

  private botEvent(botId: number, e: ClientEvent): BotEvent | null {
    switch (e.type) {
      case "message":
        return { type: "message", chat: this.viewFor(botId), message: e.message };
      case "message_edited":
        return { type: "edited_message", chat: this.viewFor(botId), message: e.message };
      case "read": {
        const by = this.member(e.userId);
        return by && e.userId !== botId ? { type: "read", chat: this.viewFor(botId), by, messageId: e.messageId } : null;
      }
      default:
        return null;
    }
  }

  /** Tells a bot that its standing in this chat changed. */
  private async tellBot(botId: number, by: Sender, oldStatus: BotStatus, newStatus: BotStatus, payload?: string): Promise<void> {
    const event: BotEvent = { type: "my_chat_member", chat: this.viewFor(botId), by, oldStatus, newStatus };
    if (payload !== undefined) event.payload = payload;
    await this.env.BOTS.getByName(String(botId)).receive([event]);
  }

  /** The chat as bot `botId` names it. */
  private viewFor(botId: number): BotChat {
    const type = this.type();
    const id = this.chatIdOf(botId);
    if (type === "group") return { id, key: this.key()!, type, title: this.metaValue("title") ?? "" };
    const peer = this.member(id);
    const chat: BotChat = { id, key: this.key()!, type, title: peer?.displayName ?? "" };
    if (peer) chat.peer = { id: peer.id, handle: peer.handle, displayName: peer.displayName };
    return chat;
  }

  /** True when the other member of this private chat has blocked `botId`. */
  private blockedBy(botId: number): boolean {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM members WHERE user_id != ? AND blocked = 1", botId).one().n > 0;
  }

  private armRepair(): void {
    if (this.repairArmed) return;
    this.repairArmed = true;
    void this.ctx.storage.setAlarm(Date.now() + REPAIR_DELAY_MS);
  }

  /** Keeps the D1 chat index in step with the members, in slices D1 accepts, atomically. */
  private async indexMembers(add: number[], remove: number[]): Promise<void> {
    const db = drizzle(this.env.DB);
    const chatKey = this.key()!;
    const statements = [
      ...chunks(add, 40).map((slice) => db.insert(chatMembers).values(slice.map((userId) => ({ chatKey, userId }))).onConflictDoNothing()),
      ...chunks(remove, 90).map((slice) => db.delete(chatMembers).where(and(eq(chatMembers.chatKey, chatKey), inArray(chatMembers.userId, slice)))),
    ];
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  }

  private setMeta(key: ChatKey, type: "private" | "group", title: string): void {
    if (!parseChatKey(key)) throw new Error(`bad chat key ${key}`);
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES ('key', ?), ('type', ?), ('title', ?)", key, type, title);
  }

  private metaValue(k: string): string | null {
    return this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0]?.v ?? null;
  }

  /** The chat's key never changes once set, so it is read once per instance. */
  private key(): ChatKey | null {
    this.cachedKey ??= this.metaValue("key");
    return this.cachedKey;
  }

  private type(): "private" | "group" {
    return this.metaValue("type") === "group" ? "group" : "private";
  }

  private chatIdOf(userId: number): number {
    return chatIdFor(userId, this.key()!);
  }

  private summaryFor(userId: number, known?: Sender[]): ChatSummary {
    const type = this.type();
    if (type === "group") return { id: this.chatIdOf(userId), type, title: this.metaValue("title") ?? "" };
    const peerId = this.chatIdOf(userId);
    const peer = known?.find((s) => s.id === peerId) ?? this.member(peerId);
    return { id: peerId, type, title: peer?.displayName ?? "" };
  }

  private insertMember(s: Sender, role: Role): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO members (user_id, role, handle, display_name, is_bot, read_id) VALUES (?, ?, ?, ?, ?, ?)",
      s.id,
      role,
      s.handle,
      s.displayName,
      s.isBot ? 1 : 0,
      this.lastId(),
    );
  }

  private members(): Member[] {
    return this.sql
      .exec<MemberRow>("SELECT * FROM members ORDER BY user_id")
      .toArray()
      .map(toMember);
  }

  private memberIds(): number[] {
    return this.sql.exec<{ user_id: number }>("SELECT user_id FROM members").toArray().map((r) => r.user_id);
  }

  private member(userId: number): Member | null {
    const row = this.sql.exec<MemberRow>("SELECT * FROM members WHERE user_id = ?", userId).toArray()[0];
    return row ? toMember(row) : null;
  }

  private unreadOf(userId: number): number {
    return this.sql.exec<{ unread: number }>("SELECT unread FROM members WHERE user_id = ?", userId).toArray()[0]?.unread ?? 0;
  }

  private recountUnread(userId?: number): void {
    this.sql.exec(
      `UPDATE members SET unread = (SELECT count(*) FROM messages m
         WHERE m.id > members.read_id AND m.sender_id != members.user_id AND m.deleted = 0)
       ${userId === undefined ? "" : "WHERE user_id = ?"}`,
      ...(userId === undefined ? [] : [userId]),
    );
  }

  private lastId(): number {
    return this.sql.exec<{ id: number | null }>("SELECT max(id) AS id FROM messages").one().id ?? 0;
  }

  private message(id: number): StoredMessage | null {
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id = ? AND deleted = 0", id).toArray()[0];
    return row ? this.withReply(toStored(row)) : null;
  }

  /** Attaches the message replied to, one level deep. */
  private withReply(m: StoredMessage): StoredMessage {
    if (m.replyTo === undefined) return m;
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id = ? AND deleted = 0", m.replyTo).toArray()[0];
    return row ? { ...m, replyToMessage: toStored(row) } : m;
  }
}

type MemberRow = {
  user_id: number;
  role: string;
  handle: string;
  display_name: string;
  is_bot: number;
  read_id: number;
  unread: number;
  blocked: number;
};
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
};

function toMember(r: MemberRow): Member {
  const m: Member = { id: r.user_id, handle: r.handle, displayName: r.display_name, role: r.role as Role, readId: r.read_id };
  if (r.is_bot) m.isBot = true;
  return m;
}

function toStored(r: MessageRow): StoredMessage {
  const m: StoredMessage = {
    id: r.id,
    from: { id: r.sender_id, handle: r.sender_handle, displayName: r.sender_name, ...(r.sender_is_bot ? { isBot: true } : {}) },
    date: r.date,
    text: r.text,
  };
  if (r.reply_to !== null) m.replyTo = r.reply_to;
  if (r.media) m.media = JSON.parse(r.media) as Media;
  if (r.edit_date !== null) m.editDate = r.edit_date;
  if (r.extra) Object.assign(m, JSON.parse(r.extra) as Pick<StoredMessage, "entities" | "replyMarkup">);
  return m;
}

function extraOf(input: { entities?: MessageEntity[]; replyMarkup?: ReplyMarkup }): string | null {
  const extra: Pick<StoredMessage, "entities" | "replyMarkup"> = {};
  if (input.entities?.length) extra.entities = input.entities;
  if (input.replyMarkup) extra.replyMarkup = input.replyMarkup;
  return Object.keys(extra).length ? JSON.stringify(extra) : null;
}
