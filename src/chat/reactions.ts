// Reactions to a chat's messages: one row per member and emoji (reactions), at most
// MAX_REACTIONS_PER_MEMBER per member and message. People toggle an emoji through the client
// API; bots set theirs with setMessageReaction. Every member sees the change live; bot members
// hear of it (message_reaction) as Telegram's rule says (reaction-rules.ts).
import type { BotChat } from "../bots/wire.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Member } from "../protocol/api.ts";
import type { Message, StoredMessage } from "../protocol/messages.ts";
import type { Fanout } from "./fanout.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import type { MessageViews } from "./message-views.ts";
import { botHearsReaction, MAX_REACTIONS_PER_MEMBER, reactionEmoji, toggled } from "./reaction-rules.ts";

type Act<T> = Promise<Result<T, ChatReason>>;

/** The reactions table. */
export class ReactionRows {
  constructor(private readonly sql: SqlStorage) {}

  of(messageId: number, userId: number): string[] {
    return this.sql
      .exec<{ emoji: string }>("SELECT emoji FROM reactions WHERE message_id = ? AND user_id = ? ORDER BY rowid", messageId, userId)
      .toArray()
      .map((r) => r.emoji);
  }

  /** The reactions to messages `from` to `to`, in the order they were made. */
  inRange(from: number, to: number): { messageId: number; userId: number; emoji: string }[] {
    return this.sql
      .exec<{ message_id: number; user_id: number; emoji: string }>("SELECT message_id, user_id, emoji FROM reactions WHERE message_id BETWEEN ? AND ? ORDER BY rowid", from, to)
      .toArray()
      .map((r) => ({ messageId: r.message_id, userId: r.user_id, emoji: r.emoji }));
  }

  /** Replaces a member's reactions to a message; one they keep keeps its place. */
  set(messageId: number, userId: number, emoji: string[]): void {
    const held = this.of(messageId, userId);
    for (const e of held) if (!emoji.includes(e)) this.sql.exec("DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?", messageId, userId, e);
    for (const e of emoji) if (!held.includes(e)) this.sql.exec("INSERT INTO reactions VALUES (?, ?, ?)", messageId, userId, e);
  }

  /** Forgets every reaction to a deleted message. */
  forget(messageId: number): void {
    this.sql.exec("DELETE FROM reactions WHERE message_id = ?", messageId);
  }
}

export class Reactions {
  constructor(
    private readonly rows: ReactionRows,
    private readonly log: ChatLog,
    private readonly members: ChatMembers,
    private readonly identity: ChatIdentity,
    private readonly views: MessageViews,
    private readonly fanout: Fanout,
    private readonly botView: (botId: number) => BotChat,
  ) {}

  /** A person toggles an emoji on a message: off when they had it, else on in place of the one they had. */
  async toggle(userId: number, messageId: number, emoji: string, now: number): Act<Message> {
    const target = this.target(userId, messageId);
    if (!target.ok) return target;
    const e = reactionEmoji(emoji);
    if (!e) return refuse("bad_reaction");
    const { me, m } = target.value;
    await this.change(me, m, toggled(this.rows.of(messageId, userId), e), now);
    return ok(this.views.show(userId, [m])[0]!);
  }

  /** Sets a member's reactions outright (a bot's setMessageReaction): [] takes them all away. */
  async set(userId: number, messageId: number, emoji: string[], now: number): Act<null> {
    const target = this.target(userId, messageId);
    if (!target.ok) return target;
    const named = emoji.map(reactionEmoji);
    if (named.some((e) => e === null) || new Set(named).size > MAX_REACTIONS_PER_MEMBER) return refuse("bad_reaction");
    const { me, m } = target.value;
    await this.change(me, m, [...new Set(named as string[])], now);
    return ok(null);
  }

  private target(userId: number, messageId: number): Result<{ me: Member; m: StoredMessage }, ChatReason> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const m = this.log.message(messageId);
    return m ? ok({ me, m }) : refuse("message_not_found");
  }

  private async change(me: Member, m: StoredMessage, next: string[], now: number): Promise<void> {
    const before = this.rows.of(m.id, me.id);
    if (before.length === next.length && before.every((e) => next.includes(e))) return;
    this.rows.set(m.id, me.id, next);
    await this.views.changed([m.id]);
    const type = this.identity.type();
    const bots = [...this.members.botIds()].filter((id) => id !== me.id);
    for (const botId of bots) {
      const bot = this.members.get(botId);
      if (!bot || !botHearsReaction(type, bot.role, !!me.isBot)) continue;
      const event = { type: "message_reaction" as const, chat: this.botView(botId), by: me, messageId: m.id, date: now, oldEmoji: before, newEmoji: next };
      // The bot's own actor applies its allowed_updates; one that cannot be reached is logged, never fails the reaction.
      await this.fanout.tellBot(botId, event).catch((err) => console.error("reaction update not delivered", botId, err));
    }
  }
}
