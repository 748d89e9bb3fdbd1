// A chat's membership acts: opening a private chat, making a group, adding and removing
// members and changing roles, each checked by the pure rules in roles.ts, kept in step with
// the D1 index, and told to the members (bots: my_chat_member). ChatActor delegates here.
import type { Env } from "../env.ts";
import { hasBlocked } from "../accounts/blocks.ts";
import type { BotStatus } from "../bots/events.ts";
import type { BotChat } from "../bots/wire.ts";
import type { LazyActorStorage } from "../platform/actor-schema.ts";
import { open } from "../platform/d1.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { Role } from "../protocol/api.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { ChatSummary, ClientEvent } from "../protocol/events.ts";
import type { Sender } from "../protocol/messages.ts";
import { botChatView } from "./bot-bridge.ts";
import type { ChatKey } from "./chat-ids.ts";
import { indexMembers } from "./chat-index.ts";
import type { Fanout } from "./fanout.ts";
import type { ChatBans } from "./bans.ts";
import type { ChatHead } from "./head.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import { canAddMembers, canRemoveMember, canSetRole } from "./roles.ts";
import { recordEvent, recordEvents } from "../profiles/jobs.ts";

type Act<T> = Promise<Result<T, ChatReason>>;

export class Membership {
  constructor(
    private readonly env: Env,
    private readonly storage: LazyActorStorage,
    private readonly identity: ChatIdentity,
    private readonly members: ChatMembers,
    private readonly log: ChatLog,
    private readonly fanout: Fanout,
    private readonly heads: ChatHead,
    private readonly bans: ChatBans,
  ) {}

  /** Opens the private chat of two users. Idempotent; a call that failed half-way is completed by the next. */
  async openPrivate(key: ChatKey, a: Sender, b: Sender): Promise<void> {
    this.storage.create();
    if (!this.identity.key()) {
      this.identity.create(key, "private", "");
      this.members.add(a, "member", 0);
      this.members.add(b, "member", 0);
      // Blocks between two people are kept in D1 too (friend requests consult them): a chat
      // opened after one starts with it.
      if (!a.isBot && !b.isBot) {
        const db = open(this.env.DB);
        const [aBlockedB, bBlockedA] = await Promise.all([hasBlocked(db, a.id, b.id), hasBlocked(db, b.id, a.id)]);
        this.members.setBlocked(a.id, aBlockedB);
        this.members.setBlocked(b.id, bBlockedA);
      }
    }
    await this.announce(a, [a, b]);
  }

  /** `userId` blocks (or unblocks) the other person of this private chat. A chat never opened has nothing to keep. */
  setPeerBlocked(userId: number, blocked: boolean): void {
    if (!this.members.get(userId) || this.identity.type() !== "private") return;
    this.members.setBlocked(userId, blocked);
  }

  /** The two people of this private chat became friends again, or stopped being friends. */
  setFriends(friends: boolean): void {
    if (!this.storage.exists() || !this.identity.key() || this.identity.type() !== "private") return;
    this.identity.setUnfriended(!friends);
  }

  async createGroup(key: ChatKey, title: string, owner: Sender, members: Sender[]): Promise<ChatSummary> {
    this.storage.create();
    if (!this.identity.key()) {
      this.identity.create(key, "group", title);
      this.members.add(owner, "owner", 0);
      for (const m of members) if (m.id !== owner.id) this.members.add(m, "member", 0);
    }
    await this.announce(owner, this.members.all());
    return this.summaryFor(owner.id);
  }

  /** Indexes a new chat's members in D1 and tells them (bots: my_chat_member), once. */
  private async announce(by: Sender, members: Sender[]): Promise<void> {
    if (this.identity.announced()) return;
    const ids = members.map((m) => m.id);
    await indexMembers(open(this.env.DB), this.identity.key()!, ids, []);
    await this.heads.write();
    await this.fanout.send(ids, (uid) => ({ type: "chat_joined", chat: this.summaryFor(uid, members) }));
    if (this.identity.type() === "group") await this.joinedGroup(members);
    for (const m of members) {
      if (m.isBot) await this.tellBot(m.id, m.id === by.id ? members.find((o) => o.id !== m.id)! : by, "left", "member");
    }
    this.identity.markAnnounced();
  }

  async addMembers(actorId: number, users: Sender[]): Act<{ added: number[] }> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    if (this.identity.type() !== "group") return refuse("not_group");
    if (!canAddMembers(actor.role)) return refuse("forbidden");
    // A banned user stays out until unbanned; the whole request is refused, so nothing is stored.
    if (this.bans.bannedAmong(users.map((u) => u.id), nowSeconds()).length) return refuse("user_banned");
    const added = users.filter((u) => !this.members.get(u.id));
    for (const u of added) this.members.add(u, "member", this.log.lastId());
    const ids = added.map((u) => u.id);
    // Every requested member is indexed, not only the new ones: a retry after a failed write completes it.
    await indexMembers(open(this.env.DB), this.identity.key()!, users.filter((u) => this.members.get(u.id)).map((u) => u.id), [], this.log.lastId());
    await this.fanout.send(ids, (uid) => ({ type: "chat_joined", chat: this.summaryFor(uid) }));
    await this.membersChanged(this.members.liveIds().filter((id) => !ids.includes(id)));
    for (const u of added) if (u.isBot) await this.tellBot(u.id, actor, "left", "member");
    await this.joinedGroup(added);
    return ok({ added: ids });
  }

  /** Customer profiles: people joining a group is a timeline event toward the staff in it. */
  private async joinedGroup(people: Sender[]): Promise<void> {
    const key = this.identity.key()!;
    await recordEvents(this.env, people.filter((p) => !p.isBot).map((p) => ({ type: "joined_group" as const, userId: p.id, chatKey: key, title: this.identity.title() })));
  }

  /** `botStatus`: what a removed bot is told it now is ("kicked" when it was banned). */
  async removeMember(actorId: number, targetId: number, botStatus: BotStatus = "left"): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    if (this.identity.type() !== "group") return refuse("not_group");
    const target = this.members.get(targetId);
    if (!target) return refuse("user_not_member");
    if (!canRemoveMember(actorId, actor.role, targetId, target.role)) return refuse("forbidden");
    if (target.isBot) await this.tellBot(targetId, actor, "member", botStatus);
    // The index first: should the rest fail, the removed member's list no longer shows the chat.
    await indexMembers(open(this.env.DB), this.identity.key()!, [], [targetId]);
    this.members.remove(targetId);
    await this.fanout.send([targetId], (uid) => ({ type: "chat_left", chatId: this.identity.idFor(uid) }));
    await this.membersChanged(this.members.liveIds());
    if (!target.isBot) await recordEvent(this.env, { type: "left_group", userId: targetId, chatKey: this.identity.key()!, title: this.identity.title() });
    return ok(null);
  }

  async setRole(actorId: number, targetId: number, role: Exclude<Role, "owner">): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    if (this.identity.type() !== "group") return refuse("not_group");
    const target = this.members.get(targetId);
    if (!target) return refuse("user_not_member");
    if (!canSetRole(actor.role, target.role, role)) return refuse("forbidden");
    this.members.setRole(targetId, role);
    await this.membersChanged(this.members.liveIds());
    return ok(null);
  }

  membersChanged(userIds: number[]): Promise<number[]> {
    return this.fanout.send(userIds, (uid): ClientEvent => ({ type: "members_changed", chatId: this.identity.idFor(uid) }));
  }

  /** Tells a bot that its standing in this chat changed. */
  tellBot(botId: number, by: Sender, oldStatus: BotStatus, newStatus: BotStatus): Promise<void> {
    return this.fanout.tellBot(botId, { type: "my_chat_member", chat: this.viewFor(botId), by, oldStatus, newStatus });
  }

  viewFor(botId: number): BotChat {
    const id = this.identity.idFor(botId);
    const peer = this.identity.type() === "private" ? this.members.get(id) : null;
    return botChatView({ key: this.identity.key()!, id, type: this.identity.type(), title: this.identity.title() }, peer);
  }

  summaryFor(userId: number, known?: Sender[]): ChatSummary {
    const type = this.identity.type();
    const id = this.identity.idFor(userId);
    if (type === "group") return { id, type, title: this.identity.title() };
    const peer = known?.find((s) => s.id === id) ?? this.members.get(id);
    return { id, type, title: peer?.displayName ?? "" };
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
