// Votes in a chat's polls: one row per voter (poll_votes), the answer as JSON. Members vote
// through the client API; the bot that sent a poll hears of answers (poll_answer, for
// non-anonymous polls) and of new tallies (poll), as Telegram tells a poll's bot. The rules
// are in poll-rules.ts; the tallies are counted when a message is shown (message-views.ts).
import type { BotChat } from "../bots/wire.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Message, Poll, Sender, StoredMessage } from "../protocol/messages.ts";
import type { Fanout } from "./fanout.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import type { MessageViews } from "./message-views.ts";
import { answerChanged, normalAnswer, pollClosed, voteRefusal } from "./poll-rules.ts";

type Act<T> = Promise<Result<T, ChatReason>>;

/** The poll_votes table: each voter's current answer. No row: no answer. */
export class PollVotes {
  constructor(private readonly sql: SqlStorage) {}

  answerOf(messageId: number, userId: number): number[] {
    const row = this.sql.exec<{ options: string }>("SELECT options FROM poll_votes WHERE message_id = ? AND user_id = ?", messageId, userId).toArray()[0];
    return row ? (JSON.parse(row.options) as number[]) : [];
  }

  /** Every answer to the polls of messages `from` to `to`. */
  inRange(from: number, to: number): { messageId: number; userId: number; options: number[] }[] {
    return this.sql
      .exec<{ message_id: number; user_id: number; options: string }>("SELECT * FROM poll_votes WHERE message_id BETWEEN ? AND ?", from, to)
      .toArray()
      .map((r) => ({ messageId: r.message_id, userId: r.user_id, options: JSON.parse(r.options) as number[] }));
  }

  /** Records an answer; an empty one takes the answer back. */
  set(messageId: number, userId: number, options: number[]): void {
    if (options.length) this.sql.exec("INSERT OR REPLACE INTO poll_votes VALUES (?, ?, ?)", messageId, userId, JSON.stringify(options));
    else this.sql.exec("DELETE FROM poll_votes WHERE message_id = ? AND user_id = ?", messageId, userId);
  }

  /** Forgets every answer to a deleted message's poll. */
  forget(messageId: number): void {
    this.sql.exec("DELETE FROM poll_votes WHERE message_id = ?", messageId);
  }
}

export class Polls {
  constructor(
    private readonly votes: PollVotes,
    private readonly log: ChatLog,
    private readonly members: ChatMembers,
    private readonly views: MessageViews,
    private readonly fanout: Fanout,
    private readonly botView: (botId: number) => BotChat,
  ) {}

  /** A person answers a poll (`options` [] takes the answer back); every member sees the new tallies. */
  async vote(userId: number, messageId: number, options: number[], now: number): Act<Message> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    if (me.isBot) return refuse("forbidden"); // bots do not vote, as in Telegram
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    if (!m.poll) return refuse("not_poll");
    const prior = this.votes.answerOf(messageId, userId);
    const refusal = voteRefusal(m.poll, prior, options, now);
    if (refusal) return refuse(refusal);
    const answer = normalAnswer(options);
    if (answerChanged(prior, answer)) {
      this.votes.set(messageId, userId, answer);
      await this.views.changed([messageId]);
      await this.tellSender(m, [
        ...(m.poll.isAnonymous ? [] : [{ type: "poll_answer" as const, by: me, pollId: m.poll.id, optionIds: answer }]),
        { type: "poll" as const },
      ]);
    }
    return ok(this.views.show(userId, [m])[0]!);
  }

  /** The sender stops its poll for good; answers the final poll. */
  async stop(actorId: number, messageId: number, now: number): Act<Poll> {
    if (!this.members.get(actorId)) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    if (!m.poll) return refuse("not_poll");
    if (m.from.id !== actorId) return refuse("forbidden");
    if (pollClosed(m.poll, now)) return refuse("poll_closed");
    this.log.setPoll(messageId, { ...m.poll, isClosed: true });
    await this.views.changed([messageId]);
    await this.tellSender(m, [{ type: "poll" }]);
    return ok(this.views.shared(messageId)!.poll!);
  }

  /** Tells the bot that sent the poll (if a bot did, and is still here); a bot that cannot be reached is logged, never fails the vote. */
  private async tellSender(m: StoredMessage, events: ({ type: "poll_answer"; by: Sender; pollId: string; optionIds: number[] } | { type: "poll" })[]): Promise<void> {
    const bot = this.members.get(m.from.id);
    if (!bot?.isBot) return;
    const chat = this.botView(bot.id);
    const poll = this.views.shared(m.id)?.poll;
    try {
      for (const e of events) {
        if (e.type === "poll_answer") await this.fanout.tellBot(bot.id, { ...e, chat });
        else if (poll) await this.fanout.tellBot(bot.id, { type: "poll", chat, poll });
      }
    } catch (err) {
      console.error("poll update not delivered", bot.id, err);
    }
  }
}
