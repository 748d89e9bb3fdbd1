// One chat, as an actor: a facade over its log, members, identity, membership acts, outbox
// and chat-list head. A message is durable here before its sender learns its id; fan-out
// follows (see outbox.ts). Each public method is one act of a member, delegated to the module
// that checks and does it: membership.ts and moderation.ts (who is in), messaging.ts (what
// they write), reading.ts (what they read), polls.ts, reactions.ts and pins.ts (what they do
// to messages), bot-bridge.ts (what they do to bots).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import type { BotChat } from "../bots/wire.ts";
import { ActorAlarm } from "../platform/alarms.ts";
import { actorSchemaVersion, LazyActorStorage } from "../platform/actor-schema.ts";
import type { Result } from "../platform/result.ts";
import type { ChatDetails, Member, Role } from "../protocol/api.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { ChatSummary } from "../protocol/events.ts";
import type { Message, Poll, Sender, StoredMessage } from "../protocol/messages.ts";
import { BotBridge } from "./bot-bridge.ts";
import type { ChatKey } from "./chat-ids.ts";
import type { EditChange } from "./edits.ts";
import type { SourceChat } from "./forwarding.ts";
import { Fanout } from "./fanout.ts";
import { ChatHead } from "./head.ts";
import { ChatIdentity } from "./identity.ts";
import { Membership } from "./membership.ts";
import { ChatLog, type NewMessage } from "./log.ts";
import { ChatMembers } from "./members.ts";
import { ChatBans } from "./bans.ts";
import { Messaging } from "./messaging.ts";
import { Moderation, type Standing } from "./moderation.ts";
import { MessageViews } from "./message-views.ts";
import { Outbox } from "./outbox.ts";
import { PinRows, Pins } from "./pins.ts";
import { Polls, PollVotes } from "./polls.ts";
import { ReactionRows, Reactions } from "./reactions.ts";
import { Reading } from "./reading.ts";
import { chatActorMigrations } from "./storage.ts";
import { messageJobs, sendJobs } from "../profiles/jobs.ts";

export type { NewMessage };
/** A member's act: its outcome, or why the chat refused it. */
type Act<T> = Promise<Result<T, ChatReason>>;
type View<T> = Result<T, ChatReason>;

export class ChatActor extends DurableObject<Env> {
  private readonly log: ChatLog;
  private readonly members: ChatMembers;
  private readonly identity: ChatIdentity;
  private readonly fanout: Fanout;
  private readonly outbox: Outbox;
  private readonly alarmTimer: ActorAlarm;
  private readonly storage: LazyActorStorage;
  private readonly heads: ChatHead;
  private readonly membership: Membership;
  private readonly moderation: Moderation;
  private readonly messaging: Messaging;
  private readonly reading: Reading;
  private readonly bots: BotBridge;
  private readonly polls: Polls;
  private readonly reactions: Reactions;
  private readonly pins: Pins;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.storage = new LazyActorStorage(ctx.storage, chatActorMigrations);
    const sql = ctx.storage.sql;
    this.log = new ChatLog(sql);
    // A chat that was never created has no members, and so answers everyone "not a member".
    this.members = new ChatMembers(sql, () => this.storage.exists());
    this.identity = new ChatIdentity(sql);
    this.fanout = new Fanout(env, this.members, (botId) => this.membership.viewFor(botId));
    this.outbox = new Outbox(sql, this.log, this.members, this.identity, this.fanout, async (batch) => {
      await this.heads.moved(batch);
      // Customer profiles learn from people's messages (profiles/consumer.ts decides which concern a workspace).
      await sendJobs(env, messageJobs(this.identity.key()!, batch));
    });
    this.alarmTimer = new ActorAlarm(ctx.storage);
    this.heads = new ChatHead(env, this.identity, this.members, this.log);
    const bans = new ChatBans(sql, () => this.storage.exists());
    this.membership = new Membership(env, this.storage, this.identity, this.members, this.log, this.fanout, this.heads, bans);
    this.moderation = new Moderation(this.identity, this.members, bans, this.membership);
    // What members do to messages: votes, reactions, pins; each change shown to all (views).
    const marks = { votes: new PollVotes(sql), reactions: new ReactionRows(sql), pins: new PinRows(sql) };
    const views = new MessageViews(this.log, this.identity, this.members, this.fanout, marks.votes, marks.reactions, marks.pins);
    const botView = (botId: number) => this.membership.viewFor(botId);
    this.messaging = new Messaging(env, this.log, this.members, this.identity, this.outbox, this.heads, this.fanout, views, marks, () => this.armAlarm());
    this.reading = new Reading(env, this.log, this.members, this.identity, this.membership, this.fanout, views, marks.pins);
    this.bots = new BotBridge(this.log, this.members, this.identity, this.membership, this.fanout);
    this.polls = new Polls(marks.votes, this.log, this.members, views, this.fanout, botView);
    this.reactions = new Reactions(marks.reactions, this.log, this.members, this.identity, views, this.fanout, botView);
    this.pins = new Pins(marks.pins, this.log, this.members, this.identity, views, {
      refusal: (from) => this.messaging.postRefusal(this.members.get(from.id)!),
      post: async (from, input) => void (await this.messaging.append(this.members.get(from.id)!, input, nowSeconds())),
    });
  }

  // ---- membership -------------------------------------------------------------------------

  /** Opens the private chat of two users. Idempotent; a call that failed half-way is completed by the next. */
  openPrivate(key: ChatKey, a: Sender, b: Sender): Promise<void> {
    return this.membership.openPrivate(key, a, b);
  }

  /** `userId` blocks (or unblocks) the other person of this private chat. */
  setPeerBlocked(userId: number, blocked: boolean): void {
    this.membership.setPeerBlocked(userId, blocked);
  }

  /** The two people of this private chat became friends again, or stopped being friends. */
  setFriends(friends: boolean): void {
    this.membership.setFriends(friends);
  }

  createGroup(key: ChatKey, title: string, owner: Sender, members: Sender[]): Promise<ChatSummary> {
    return this.membership.createGroup(key, title, owner, members);
  }

  addMembers(actorId: number, users: Sender[]): Act<{ added: number[] }> {
    return this.membership.addMembers(actorId, users);
  }

  removeMember(actorId: number, targetId: number): Act<null> {
    return this.membership.removeMember(actorId, targetId);
  }

  setRole(actorId: number, targetId: number, role: Exclude<Role, "owner">): Act<null> {
    return this.membership.setRole(actorId, targetId, role);
  }

  /** Bans a user from this group until `untilDate` (for good without one), removing them if in it. */
  ban(actorId: number, targetId: number, untilDate?: number): Act<{ until: number }> {
    return this.moderation.ban(actorId, targetId, untilDate, nowSeconds());
  }

  /** Lifts a ban; unless `onlyIfBanned`, a member is removed too (Telegram's unbanChatMember). */
  unban(actorId: number, targetId: number, onlyIfBanned = false): Act<null> {
    return this.moderation.unban(actorId, targetId, onlyIfBanned, nowSeconds());
  }

  /** The bans in force, for the group's admins. */
  bans(viewerId: number): View<{ userId: number; until: number }[]> {
    return this.moderation.banList(viewerId, nowSeconds());
  }

  /** `userId`'s standing here (member, banned, or neither), as a member may read it. */
  standing(viewerId: number, userId: number): View<Standing> {
    return this.moderation.standing(viewerId, userId, nowSeconds());
  }

  /** The group's owner and admins, owner first. */
  admins(viewerId: number): View<Member[]> {
    return this.moderation.admins(viewerId);
  }

  memberCount(viewerId: number): View<number> {
    return this.moderation.memberCount(viewerId);
  }

  /** The chat as `viewerId` sees it, with members and their read cursors. */
  describe(viewerId: number): View<ChatDetails> {
    return this.reading.describe(viewerId);
  }

  isMember(userId: number): boolean {
    return this.members.get(userId) !== null;
  }

  /** The chat in the Bot API's terms, for a bot that is a member; else null. */
  botChat(botId: number): BotChat | null {
    return this.members.get(botId) ? this.membership.viewFor(botId) : null;
  }

  /** A user blocks (or unblocks) the bot of this private chat. */
  setBlocked(userId: number, blocked: boolean): Act<{ botId: number }> {
    return this.bots.setBlocked(userId, blocked);
  }

  /** A user presses an inline button under a bot's message: the bot gets a callback_query. */
  press(userId: number, messageId: number, data: string): Act<{ botId: number; readToken?: string }> {
    return this.bots.press(userId, messageId, data);
  }

  // ---- messages ---------------------------------------------------------------------------

  post(from: Sender, input: NewMessage): Act<Message> {
    return this.messaging.post(from, input, nowSeconds());
  }

  /** An album: the messages are checked before any is stored, then stored in order; they share their `mediaGroupId`. */
  postAlbum(from: Sender, inputs: NewMessage[]): Act<Message[]> {
    return this.messaging.postAlbum(from, inputs, nowSeconds());
  }

  /**
   * Changes a message's text (with its entities), its buttons (`replyMarkup: null` removes
   * them), or its media; replaced media leaves storage once the edit is stored.
   */
  edit(actorId: number, messageId: number, change: EditChange): Act<Message> {
    return this.messaging.edit(actorId, messageId, change, nowSeconds());
  }

  /** Deletes a message, and with it everything members did to it. */
  remove(actorId: number, messageId: number): Act<null> {
    return this.messaging.remove(actorId, messageId);
  }

  history(viewerId: number, q: { after?: number; before?: number; limit?: number }): View<Message[]> {
    return this.reading.history(viewerId, q);
  }

  /** The messages `ids` names that a member may forward or copy elsewhere, and the chat they come from. */
  originals(viewerId: number, ids: number[]): View<{ messages: StoredMessage[]; source: SourceChat }> {
    return this.messaging.originals(viewerId, ids);
  }

  // ---- what members do to messages: polls, reactions, pins ---------------------------------

  /** A person answers a poll; `options` [] takes the answer back. */
  vote(userId: number, messageId: number, options: number[]): Act<Message> {
    return this.polls.vote(userId, messageId, options, nowSeconds());
  }

  /** The sender stops its poll; answers the final poll. */
  stopPoll(actorId: number, messageId: number): Act<Poll> {
    return this.polls.stop(actorId, messageId, nowSeconds());
  }

  /** A person toggles a reaction. */
  react(userId: number, messageId: number, emoji: string): Act<Message> {
    return this.reactions.toggle(userId, messageId, emoji, nowSeconds());
  }

  /** Sets a member's reactions outright (a bot's setMessageReaction). */
  setReactions(userId: number, messageId: number, emoji: string[]): Act<null> {
    return this.reactions.set(userId, messageId, emoji, nowSeconds());
  }

  pin(actorId: number, messageId: number): Act<null> {
    return this.pins.pin(actorId, messageId, Date.now());
  }

  /** Unpins `messageId`, or the latest pinned message. */
  unpin(actorId: number, messageId?: number): Act<null> {
    return this.pins.unpin(actorId, messageId);
  }

  unpinAll(actorId: number): Act<null> {
    return this.pins.unpinAll(actorId);
  }

  /** Moves `userId`'s read cursor forward to `messageId` and tells every member. */
  markRead(userId: number, messageId: number): Act<{ readId: number; unread: number }> {
    return this.reading.markRead(userId, messageId);
  }

  typing(userId: number): Act<null> {
    return this.messaging.typing(userId);
  }

  /** A member's UserActor says whether the member has a socket open (at its own clock `at`). */
  setPresence(userId: number, online: boolean, at: number): void {
    if (this.members.get(userId)) this.members.setPresence(userId, online, at);
  }

  /**
   * A connecting member's catch-up: from now on live events reach them, and here is what
   * they missed. Presence is recorded before the page is read, so every message is either in
   * a page or sent live (or both: receivers drop repeats).
   */
  catchUp(viewerId: number, after: number, limit: number, at: number): View<Message[]> {
    return this.reading.catchUp(viewerId, after, limit, at);
  }

  /** The latest message and `userId`'s unread count, for the chat list. */
  glance(userId: number): { lastMessage: Message | null; unread: number } | null {
    return this.reading.glance(userId);
  }

  /** What is waiting to go out, and the storage version: a read-only view for tests and operators. */
  inspect(): { schemaVersion: number; pending: number[]; lagging: { userId: number; afterId: number }[]; live: number[] } {
    if (!this.storage.exists()) return { schemaVersion: 0, pending: [], lagging: [], live: [] };
    return { schemaVersion: actorSchemaVersion(this.ctx.storage), ...this.outbox.view(), live: this.members.liveIds().sort((a, b) => a - b) };
  }

  override async alarm(): Promise<void> {
    this.alarmTimer.fired();
    if (!this.storage.exists()) return;
    try {
      await this.outbox.drain();
      await this.outbox.catchUpLagging();
    } finally {
      await this.armAlarm(); // whatever failed is still stored, and comes back
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private armAlarm(): Promise<void> {
    return this.alarmTimer.arm([this.outbox.due(Date.now())]);
  }

}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
