// Messages as members see them, with what members did to them: poll tallies (and the
// viewer's own answer), reactions and pins, read from the tables polls.ts, reactions.ts and
// pins.ts keep, once per page, and applied by message-facts.ts. And the one way such a change
// reaches members: `message_edited` carrying the whole message, each member's own view.
import type { Message, StoredMessage } from "../protocol/messages.ts";
import type { Fanout } from "./fanout.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import { noFacts, withFacts, type MessageFacts } from "./message-facts.ts";
import { present } from "./messages.ts";
import type { PinRows } from "./pins.ts";
import type { PollVotes } from "./polls.ts";
import type { ReactionRows } from "./reactions.ts";

export class MessageViews {
  constructor(
    private readonly log: ChatLog,
    private readonly identity: ChatIdentity,
    private readonly members: ChatMembers,
    private readonly fanout: Fanout,
    private readonly votes: PollVotes,
    private readonly reactions: ReactionRows,
    private readonly pins: PinRows,
  ) {}

  /** `messages` as `viewerId` sees them. */
  show(viewerId: number, messages: StoredMessage[]): Message[] {
    const chatId = this.identity.idFor(viewerId);
    const facts = this.factsOf(messages);
    const now = nowSeconds();
    return messages.map((m) => present(chatId, withFacts(m, facts(m, viewerId), viewerId, now), viewerId));
  }

  /** A message with what every member sees alike (no one's own answer): what its bot is told. */
  shared(messageId: number): StoredMessage | null {
    const m = this.log.message(messageId);
    return m ? withFacts(m, this.factsOf([m])(m, undefined), undefined, nowSeconds()) : null;
  }

  /**
   * Tells every person with a socket open what these messages now are (message_edited, with
   * no new editDate: nobody edited them). Bots are not told: they hear of votes and reactions
   * through their own updates, as in Telegram.
   */
  async changed(messageIds: number[]): Promise<void> {
    const messages = messageIds.map((id) => this.log.message(id)).filter((m): m is StoredMessage => m !== null);
    if (!messages.length) return;
    const bots = this.members.botIds();
    const people = this.members.liveIds().filter((id) => !bots.has(id));
    const facts = this.factsOf(messages);
    const now = nowSeconds();
    await this.fanout.send(people, (uid) => {
      const chatId = this.identity.idFor(uid);
      return messages.map((m) => ({ type: "message_edited" as const, chatId, message: present(chatId, withFacts(m, facts(m, uid), uid, now), uid) }));
    });
  }

  /** The facts of `messages`, read in one pass over their id range; each viewer's own answer picked out. */
  private factsOf(messages: StoredMessage[]): (m: StoredMessage, viewerId: number | undefined) => MessageFacts {
    if (!messages.length) return () => noFacts;
    const ids = messages.map((m) => m.id);
    const from = Math.min(...ids);
    const to = Math.max(...ids);
    const votes = messages.some((m) => m.poll) ? this.votes.inRange(from, to) : [];
    const answers = groupBy(votes);
    const own = new Map(votes.map((v) => [`${v.messageId}/${v.userId}`, v.options]));
    const reactions = groupBy(this.reactions.inRange(from, to));
    const pinned = new Set(this.pins.ids());
    return (m, viewerId) => {
      const mine = viewerId === undefined ? undefined : own.get(`${m.id}/${viewerId}`);
      return { answers: (answers.get(m.id) ?? []).map((v) => v.options), ...(mine ? { mine } : {}), reactions: reactions.get(m.id) ?? [], pinned: pinned.has(m.id) };
    };
  }
}

function groupBy<T extends { messageId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.messageId);
    if (list) list.push(r);
    else out.set(r.messageId, [r]);
  }
  return out;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
