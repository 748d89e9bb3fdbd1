// Who may do what in a chat. Private chats have two plain members; groups have one owner,
// any number of admins, and members.

export type Role = "owner" | "admin" | "member";

/** The one ranking of roles: each outranks those below it. */
const rank: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

/** Whether `role` is `least` or above it. */
export function atLeast(role: Role, least: Role): boolean {
  return rank[role] >= rank[least];
}

/** Whether `a` ranks strictly above `b`. */
export function outranks(a: Role, b: Role): boolean {
  return rank[a] > rank[b];
}

/** Adding members to a group: owners and admins. */
export function canAddMembers(actor: Role): boolean {
  return atLeast(actor, "admin");
}

/** Removing a member: anyone may leave; owners and admins remove those ranked below them. */
export function canRemoveMember(actorId: number, actor: Role, targetId: number, target: Role): boolean {
  if (actorId === targetId) return actor !== "owner";
  return atLeast(actor, "admin") && outranks(actor, target);
}

/** Only the owner promotes and demotes, and never to or from owner. */
export function canSetRole(actor: Role, target: Role, next: Role): boolean {
  return actor === "owner" && target !== "owner" && next !== "owner";
}

/** Authors edit their own messages only. */
export function canEditMessage(actorId: number, authorId: number): boolean {
  return actorId === authorId;
}

/**
 * Authors delete their own messages; in groups, owners and admins delete anyone's; in a
 * private chat a bot deletes what it received too (Telegram: "Bots can delete incoming
 * messages in private chats"), while people there delete only their own.
 */
export function canDeleteMessage(actorId: number, actor: Role, authorId: number, isGroup: boolean, actorIsBot = false): boolean {
  return actorId === authorId || (isGroup ? atLeast(actor, "admin") : actorIsBot);
}
