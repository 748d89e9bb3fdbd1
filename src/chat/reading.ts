// A chat as its members read it: its details (members, pins), history pages, a connecting
// member's catch-up, the chat list's glance, and read cursors. ChatActor delegates here.
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ChatDetails } from "../protocol/api.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Message } from "../protocol/messages.ts";
import { writeReadCursor } from "./chat-index.ts";
import type { Fanout } from "./fanout.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import type { Membership } from "./membership.ts";
import type { MessageViews } from "./message-views.ts";
import { page } from "./messages.ts";
import type { PinRows } from "./pins.ts";
import { recordEvent } from "../profiles/jobs.ts";

type Act<T> = Promise<Result<T, ChatReason>>;
type View<T> = Result<T, ChatReason>;

export class Reading {
  constructor(
    private readonly env: Env,
    private readonly log: ChatLog,
    private readonly members: ChatMembers,
    private readonly identity: ChatIdentity,
    private readonly membership: Membership,
    private readonly fanout: Fanout,
    private readonly views: MessageViews,
    private readonly pins: PinRows,
  ) {}

  /** The chat as `viewerId` sees it: members with their read cursors, the pins (the latest shown whole). */
  describe(viewerId: number): View<ChatDetails> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    const members = this.members.all();
    const details: ChatDetails = { ...this.membership.summaryFor(viewerId), members };
    const pinned = this.pins.ids();
    details.pinnedMessageIds = pinned;
    const latestPin = pinned.length ? this.log.message(pinned[0]!) : null;
    if (latestPin) details.pinnedMessage = this.views.show(viewerId, [latestPin])[0]!;
    if (this.identity.type() === "private" && members.some((m) => m.isBot && m.id !== viewerId)) details.blocked = this.members.hasBlocked(viewerId);
    return ok(details);
  }

  history(viewerId: number, q: { after?: number; before?: number; limit?: number }): View<Message[]> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    return ok(this.views.show(viewerId, this.log.page(page(q))));
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
      // Customer profiles: reading the other side's message in a private chat is a timeline event.
      const read = this.log.message(readId);
      if (this.identity.type() === "private" && read && read.from.id !== userId && !read.from.isBot && !me.isBot) {
        await recordEvent(this.env, { type: "read", userId, peer: read.from.id, chatKey: this.identity.key()! });
      }
    }
    return ok({ readId, unread: this.members.unreadOf(userId) });
  }
}
