// A group's moderation: banning and unbanning (by admins, people or bots), and what a member
// may read of others' standing (one member, the admins, the count). Rights are decided by
// ban-rules.ts; removing a member is Membership's act. ChatActor delegates here.
import { ok, refuse, type Result } from "../platform/result.ts";
import type { Member } from "../protocol/api.ts";
import type { ChatReason } from "../protocol/errors.ts";
import { banRefusal, banUntil, type BanRefusal } from "./ban-rules.ts";
import type { ChatBans } from "./bans.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatMembers } from "./members.ts";
import type { Membership } from "./membership.ts";

type Act<T> = Promise<Result<T, ChatReason>>;
type View<T> = Result<T, ChatReason>;

/** One user's standing in the chat: a member (with their role), banned (until when; 0 for good), or neither. */
export interface Standing {
  member: Member | null;
  bannedUntil: number | null;
}

const asReason: Record<BanRefusal, ChatReason> = {
  not_enough_rights: "forbidden",
  cant_remove_owner: "cant_remove_owner",
  target_is_admin: "target_is_admin",
};

export class Moderation {
  constructor(
    private readonly identity: ChatIdentity,
    private readonly members: ChatMembers,
    private readonly bans: ChatBans,
    private readonly membership: Membership,
  ) {}

  standing(viewerId: number, userId: number, now: number): View<Standing> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    return ok({ member: this.members.get(userId), bannedUntil: this.bans.until(userId, now) });
  }

  /** The owner first, then the admins. */
  admins(viewerId: number): View<Member[]> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    if (this.identity.type() !== "group") return refuse("not_group");
    return ok(this.members.all().filter((m) => m.role !== "member").sort((a, b) => Number(b.role === "owner") - Number(a.role === "owner")));
  }

  memberCount(viewerId: number): View<number> {
    if (!this.members.get(viewerId)) return refuse("not_member");
    return ok(this.members.ids().length);
  }

  /** Bans in force, for the group's admins. */
  banList(viewerId: number, now: number): View<{ userId: number; until: number }[]> {
    const viewer = this.members.get(viewerId);
    if (!viewer) return refuse("not_member");
    if (this.identity.type() !== "group") return refuse("not_group");
    if (banRefusal(viewer.role, null)) return refuse("forbidden");
    return ok(this.bans.list(now));
  }

  /**
   * Bans `targetId` (a member, or anyone not yet in it) until `untilDate`, and removes them if
   * they are in: they cannot be added back until unbanned. The ban is stored before the
   * removal, so no add can slip in between.
   */
  async ban(actorId: number, targetId: number, untilDate: number | undefined, now: number): Act<{ until: number }> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    if (this.identity.type() !== "group") return refuse("not_group");
    const target = this.members.get(targetId);
    const refusal = banRefusal(actor.role, target?.role ?? null);
    if (refusal) return refuse(asReason[refusal]);
    this.bans.purgeExpired(now);
    if (!this.bans.hasRoomFor(targetId, now)) return refuse("too_many_bans");
    const until = banUntil(untilDate, now);
    this.bans.ban(targetId, until);
    if (target) {
      const removed = await this.membership.removeMember(actorId, targetId, "kicked");
      if (!removed.ok) return removed;
    }
    return ok({ until });
  }

  /**
   * Lifts a ban. As Telegram's unbanChatMember: unless `onlyIfBanned`, the user is also not a
   * member afterwards (a member is removed, with the rights a ban needs); someone not in the
   * group is never added by it.
   */
  async unban(actorId: number, targetId: number, onlyIfBanned: boolean, now: number): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    if (this.identity.type() !== "group") return refuse("not_group");
    const target = onlyIfBanned ? null : this.members.get(targetId);
    const refusal = banRefusal(actor.role, target?.role ?? null);
    if (refusal) return refuse(asReason[refusal]);
    this.bans.unban(targetId, now);
    if (target && targetId !== actorId) {
      const removed = await this.membership.removeMember(actorId, targetId);
      if (!removed.ok) return removed;
    }
    return ok(null);
  }
}
