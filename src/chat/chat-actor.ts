// One chat, as an actor: a facade over its log, members, identity, membership acts, outbox
// and chat-list head. A message is durable here before its sender learns its id; fan-out
// follows (see outbox.ts). Each public method is one act of a member, checked here or in
// membership.ts, and delegated to the modules.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import type { BotChat } from "../bots/wire.ts";
import { ActorAlarm } from "../platform/alarms.ts";
import { actorSchemaVersion, LazyActorStorage } from "../platform/actor-schema.ts";
import { open } from "../platform/d1.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ChatDetails, Member, Role } from "../protocol/api.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { ChatSummary } from "../protocol/events.ts";
import type { Message, MessageEntity, Poll, ReplyMarkup, Sender } from "../protocol/messages.ts";
import type { ChatKey } from "./chat-ids.ts";
import { editChanges, editProblem, type EditChange } from "./edits.ts";
import { removeMedia } from "./media-store.ts";
import { detectEntities } from "./detect-entities.ts";
import { MAX_RELAYED, relayable, type SourceChat } from "./forwarding.ts";
import type { StoredMessage } from "../protocol/messages.ts";
import { Fanout } from "./fanout.ts";
import { ChatHead } from "./head.ts";
import { ChatIdentity } from "./identity.ts";
import { Membership } from "./membership.ts";
import { shareGroup, writeReadCursor } from "./chat-index.ts";
import { privateRefusal } from "./entitlement.ts";
import { ChatLog, type NewMessage } from "./log.ts";
import { ChatMembers } from "./members.ts";
import { ChatBans } from "./bans.ts";
import { checkedReply } from "./reply-rules.ts";
import { Moderation, type Standing } from "./moderation.ts";
import { MessageViews } from "./message-views.ts";
import { page, present } from "./messages.ts";
import { Outbox } from "./outbox.ts";
import { PinRows, Pins } from "./pins.ts";
import { Polls, PollVotes } from "./polls.ts";
import { ReactionRows, Reactions } from "./reactions.ts";
import { canDeleteMessage, canEditMessage } from "./roles.ts";
import { chatActorMigrations } from "./storage.ts";

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
  private readonly views: MessageViews;
  private readonly polls: Polls;
  private readonly reactions: Reactions;
  private readonly pins: Pins;
  private readonly pinRows: PinRows;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.storage = new LazyActorStorage(ctx.storage, chatActorMigrations);
    const sql = ctx.storage.sql;
    this.log = new ChatLog(sql);
    // A chat that was never created has no members, and so answers everyone "not a member".
    this.members = new ChatMembers(sql, () => this.storage.exists());
    this.identity = new ChatIdentity(sql);
    this.fanout = new Fanout(env, this.members, (botId) => this.membership.viewFor(botId));
    this.outbox = new Outbox(sql, this.log, this.members, this.identity, this.fanout, (batch) => this.heads.moved(batch));
    this.alarmTimer = new ActorAlarm(ctx.storage);
    this.heads = new ChatHead(env, this.identity, this.members, this.log);
    const bans = new ChatBans(sql, () => this.storage.exists());
    this.membership = new Membership(env, this.storage, this.identity, this.members, this.log, this.fanout, this.heads, bans);
    this.moderation = new Moderation(this.identity, this.members, bans, this.membership);
    // What members do to messages: votes, reactions, pins; each change shown to all (views).
    const votes = new PollVotes(sql);
    const reactionRows = new ReactionRows(sql);
    this.pinRows = new PinRows(sql);
    this.views = new MessageViews(this.log, this.identity, this.members, this.fanout, votes, reactionRows, this.pinRows);
    const botView = (botId: number) => this.membership.viewFor(botId);
    this.polls = new Polls(votes, this.log, this.members, this.views, this.fanout, botView);
    this.reactions = new Reactions(reactionRows, this.log, this.members, this.identity, this.views, this.fanout, botView);
    this.pins = new Pins(this.pinRows, this.log, this.members, this.identity, this.views, {
      refusal: (from) => this.postRefusal(this.members.get(from.id)!),
      post: async (from, input) => void (await this.append(this.members.get(from.id)!, input)),
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
    if (!this.members.get(viewerId)) return refuse("not_member");
    const members = this.members.all();
    const details: ChatDetails = { ...this.membership.summaryFor(viewerId), members };
    const pinned = this.pinRows.ids();
    details.pinnedMessageIds = pinned;
    const latestPin = pinned.length ? this.log.message(pinned[0]!) : null;
    if (latestPin) details.pinnedMessage = this.views.show(viewerId, [latestPin])[0]!;
    if (this.identity.type() === "private" && members.some((m) => m.isBot && m.id !== viewerId)) details.blocked = this.members.hasBlocked(viewerId);
    return ok(details);
  }

  isMember(userId: number): boolean {
    return this.members.get(userId) !== null;
  }

  /** The chat in the Bot API's terms, for a bot that is a member; else null. */
  botChat(botId: number): BotChat | null {
    return this.members.get(botId) ? this.membership.viewFor(botId) : null;
  }

  /** A user blocks (or unblocks) the bot of this private chat. */
  async setBlocked(userId: number, blocked: boolean): Act<{ botId: number }> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const bot = this.identity.type() === "private" ? this.members.get(this.identity.idFor(userId)) : null;
    if (!bot?.isBot) return refuse("not_bot_chat");
    const was = this.members.blockedBot(bot.id);
    if (was !== blocked) {
      this.members.setBlocked(userId, blocked);
      await this.membership.tellBot(bot.id, me, was ? "kicked" : "member", blocked ? "kicked" : "member");
    }
    return ok({ botId: bot.id });
  }

  /** A user presses an inline button under a bot's message: the bot gets a callback_query. */
  async press(userId: number, messageId: number, data: string): Act<{ botId: number }> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    const rows = m.replyMarkup && "inline_keyboard" in m.replyMarkup ? m.replyMarkup.inline_keyboard : [];
    // A message sent via a bot (its inline result) has that bot's buttons; the bot need not be a member.
    const bot = m.viaBot ?? this.members.get(m.from.id);
    if (!bot?.isBot || !rows.flat().some((b) => b.callback_data === data)) return refuse("no_such_button");
    if (m.viaBot) await this.fanout.tellBot(bot.id, { type: "inline_callback_query", chatKey: this.identity.key()!, by: me, messageId: m.id, data });
    else await this.fanout.tellBot(bot.id, { type: "callback_query", chat: this.membership.viewFor(bot.id), by: me, message: m, data });
    return ok({ botId: bot.id });
  }

  // ---- messages ---------------------------------------------------------------------------

  async post(from: Sender, input: NewMessage): Act<Message> {
    const sender = this.members.get(from.id);
    if (!sender) return refuse("not_member");
    if (input.clientMsgId !== undefined) {
      const seen = this.log.sentBefore(from.id, input.clientMsgId);
      if (seen) {
        const earlier = this.log.message(seen.messageId);
        return earlier ? ok(present(this.identity.idFor(from.id), earlier, from.id)) : refuse("duplicate_deleted");
      }
    }
    const checked = checkedReply(input, (id) => this.log.message(id) !== null);
    if (!checked) return refuse("reply_not_found");
    const refusal = await this.postRefusal(sender);
    if (refusal) return refuse(refusal);
    // The sender's account names them (a bot may have renamed itself): the message and the member list follow it.
    if (from.displayName && from.displayName !== sender.displayName) {
      this.members.setName(from.id, from.displayName);
      sender.displayName = from.displayName;
    }
    const id = await this.append(sender, withDetectedEntities(sender, checked));
    return ok(present(this.identity.idFor(from.id), this.log.message(id)!, from.id));
  }

  /** An album: the messages are checked before any is stored, then stored in order; they share their `mediaGroupId`. */
  async postAlbum(from: Sender, inputs: NewMessage[]): Act<Message[]> {
    const sender = this.members.get(from.id);
    if (!sender) return refuse("not_member");
    const checked = inputs.map((i) => checkedReply(i, (id) => this.log.message(id) !== null));
    if (checked.some((i) => i === null)) return refuse("reply_not_found");
    const refusal = await this.postRefusal(sender);
    if (refusal) return refuse(refusal);
    const ids: number[] = [];
    for (const input of checked) ids.push(await this.append(sender, input!));
    return ok(ids.map((id) => present(this.identity.idFor(from.id), this.log.message(id)!, from.id)));
  }

  /** Why the chat takes no message from this member now (a private chat's blocks and friendship), or null. */
  private async postRefusal(sender: Member): Promise<ChatReason | null> {
    if (this.identity.type() !== "private") return null;
    const peer = this.members.get(this.identity.idFor(sender.id));
    const facts = { blockedByPeer: this.members.blockedBot(sender.id), unfriended: this.identity.unfriended() };
    return privateRefusal(sender, peer, facts, () => shareGroup(open(this.env.DB), sender.id, peer!.id));
  }

  /** Stores a checked message and starts its fan-out; returns its id. */
  private async append(sender: Sender, input: NewMessage): Promise<number> {
    // One synchronous block: the message, its idempotency key, the sender's read cursor and
    // the fan-out marker commit together, before anyone learns the id.
    const id = this.log.append(sender, input, nowSeconds());
    // A poll is named by its chat and message, known only now (poll_answer names it so).
    if (input.poll) this.log.setPoll(id, { ...input.poll, id: `${this.identity.key()}/${id}` });
    this.members.countSent(sender.id, id);
    this.outbox.enqueue(id);
    await this.armAlarm(); // should this instance die mid-fan-out, the alarm finishes it (cheap: the alarm's time is remembered)
    // The sender's answer comes once the message is durable; fan-out goes on after it.
    void this.outbox.drain();
    return id;
  }

  /**
   * Changes a message's text (with its entities), its buttons (`replyMarkup: null` removes
   * them), or its media; replaced media leaves storage once the edit is stored.
   */
  async edit(actorId: number, messageId: number, change: EditChange): Act<Message> {
    if (!this.members.get(actorId)) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    if (!canEditMessage(actorId, m.from.id)) return refuse("forbidden");
    const problem = editProblem(m, change);
    if (problem) return refuse(problem);
    const next = editChanges(m, withDetectedEntities(this.members.get(actorId)!, change));
    if (!next) return refuse("not_modified");
    this.log.rewrite(messageId, next.text, next, nowSeconds());
    if (next.media) this.log.setMedia(messageId, next.media);
    const edited = this.log.message(messageId)!;
    if (next.media && m.media) await removeMedia(this.env.MEDIA, this.identity.key()!, m.media);
    if (this.log.latest()?.id === messageId) await this.heads.write();
    await this.fanout.send(this.members.liveIds(), (uid) => ({ type: "message_edited", chatId: this.identity.idFor(uid), message: this.views.show(uid, [edited])[0]! }));
    return ok(this.views.show(actorId, [edited])[0]!);
  }

  async remove(actorId: number, messageId: number): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    if (!canDeleteMessage(actorId, actor.role, m.from.id, this.identity.type() === "group", actor.isBot)) return refuse("forbidden");
    const wasLatest = this.log.latest()?.id === messageId;
    this.log.tombstone(messageId);
    if (wasLatest) await this.heads.write();
    const unread = this.members.liveUnreadCounts();
    await this.fanout.send(this.members.liveIds(), (uid) => ({ type: "message_deleted", chatId: this.identity.idFor(uid), messageId, unread: unread.get(uid) ?? 0 }));
    if (m.media) await removeMedia(this.env.MEDIA, this.identity.key()!, m.media);
    return ok(null);
  }

  history(viewerId: number, q: { after?: number; before?: number; limit?: number }): View<Message[]> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    return ok(this.views.show(viewerId, this.log.page(page(q))));
  }

  /**
   * The messages `ids` names that a member may forward or copy elsewhere, oldest first (ids
   * that name no message, or one with nothing to relay, are left out), and the chat they come from.
   */
  originals(viewerId: number, ids: number[]): View<{ messages: StoredMessage[]; source: SourceChat }> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    const messages = ids
      .slice(0, MAX_RELAYED)
      .map((id) => this.log.message(id))
      .filter((m): m is StoredMessage => m !== null && relayable(m))
      .map(({ replyToMessage: _reply, ...m }) => m);
    return ok({ messages, source: { type: this.identity.type(), title: this.identity.title() } });
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
  async markRead(userId: number, messageId: number): Act<{ readId: number; unread: number }> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const readId = Math.max(me.readId, Math.min(messageId, this.log.lastId()));
    if (readId > me.readId) {
      this.members.setReadId(userId, readId);
      await writeReadCursor(open(this.env.DB), this.identity.key()!, userId, readId);
      const unread = this.members.unreadOf(userId);
      await this.fanout.send(this.members.liveIds(), (uid) => ({
        type: "read",
        chatId: this.identity.idFor(uid),
        userId,
        messageId: readId,
        ...(uid === userId ? { unread } : {}),
      }));
    }
    return ok({ readId, unread: this.members.unreadOf(userId) });
  }

  async typing(userId: number): Act<null> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const others = this.members.liveIds().filter((id) => id !== userId);
    await this.fanout.send(others, (uid) => ({ type: "typing", chatId: this.identity.idFor(uid), userId, handle: me.handle }));
    return ok(null);
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
    if (!this.members.get(viewerId)) return refuse("not_member");
    this.members.setPresence(viewerId, true, at);
    return this.history(viewerId, { after, limit });
  }

  /** The latest message and `userId`'s unread count, for the chat list. */
  glance(userId: number): { lastMessage: Message | null; unread: number } | null {
    if (!this.members.get(userId)) return null;
    const last = this.log.latest();
    return { lastMessage: last ? this.views.show(userId, [last])[0]! : null, unread: this.members.unreadOf(userId) };
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

/** A person's text carries the entities clients detect in it (a bot's carries what it sent). */
function withDetectedEntities<T extends { text?: string; entities?: MessageEntity[] }>(sender: Pick<Sender, "isBot">, input: T): T {
  if (sender.isBot || input.text === undefined || input.entities !== undefined) return input;
  const entities = detectEntities(input.text);
  return entities.length ? { ...input, entities } : input;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
