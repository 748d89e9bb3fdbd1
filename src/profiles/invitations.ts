// Staff join by consent (D1): an owner or admin invites by handle; the invitee accepts (and
// becomes staff) or declines; an invitation can be withdrawn. Only accepted staff are in
// workspace_staff, so every other query (customers, profiles, the queue consumer) sees staff
// who agreed to be.
import { sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { MAX_INVITATIONS, MAX_MEMBERSHIPS, MAX_STAFF, type WorkspaceRole } from "./rules.ts";

export type Invite = "invited" | "already_staff" | "already_invited" | "workspace_full" | "too_many_invitations";

/**
 * Invites `user` with `role`. The workspace's staff and open invitations together stay within
 * MAX_STAFF, and a user holds at most MAX_INVITATIONS: one conditional insert.
 */
export async function invite(db: Db, workspace: number, user: number, role: Exclude<WorkspaceRole, "owner">, by: number, now: number): Promise<Invite> {
  const [state] = await db.all<{ staff: number; invited: number; seats: number; held: number }>(sql`select
      exists (select 1 from workspace_staff where workspace = ${workspace} and user = ${user}) as staff,
      exists (select 1 from workspace_invitations where workspace = ${workspace} and user = ${user}) as invited,
      (select count(*) from workspace_staff where workspace = ${workspace}) + (select count(*) from workspace_invitations where workspace = ${workspace}) as seats,
      (select count(*) from workspace_invitations where user = ${user}) as held`);
  if (state!.staff) return "already_staff";
  if (state!.invited) return "already_invited";
  if (state!.seats >= MAX_STAFF) return "workspace_full";
  if (state!.held >= MAX_INVITATIONS) return "too_many_invitations";
  const rows = await db.all(sql`insert into workspace_invitations (workspace, user, role, invited_by, at)
    select ${workspace}, ${user}, ${role}, ${by}, ${now}
    where (select count(*) from workspace_invitations where user = ${user}) < ${MAX_INVITATIONS}
    on conflict do nothing returning user`);
  return rows.length ? "invited" : "already_invited";
}

export interface Invited {
  id: number;
  handle: string;
  displayName: string;
  role: "admin" | "staff";
  status: "invited";
}

/** The workspace's open invitations, oldest first. */
export async function invitedTo(db: Db, workspace: number): Promise<Invited[]> {
  return db.all(sql`select u.id as id, u.handle as handle, u.display_name as displayName, i.role as role, 'invited' as status
    from workspace_invitations i join users u on u.id = i.user where i.workspace = ${workspace} order by i.at, u.id`);
}

export interface Invitation {
  workspace: { id: number; name: string };
  role: "admin" | "staff";
  invitedBy: { id: number; handle: string; displayName: string };
  at: number;
}

/** The invitations `user` holds, newest first. */
export async function invitationsOf(db: Db, user: number): Promise<Invitation[]> {
  const rows = await db.all<{ id: number; name: string; role: "admin" | "staff"; byId: number; byHandle: string; byName: string; at: number }>(sql`
    select w.id as id, w.name as name, i.role as role, b.id as byId, b.handle as byHandle, b.display_name as byName, i.at as at
    from workspace_invitations i join workspaces w on w.id = i.workspace join users b on b.id = i.invited_by
    where i.user = ${user} order by i.at desc`);
  return rows.map((r) => ({ workspace: { id: r.id, name: r.name }, role: r.role, invitedBy: { id: r.byId, handle: r.byHandle, displayName: r.byName }, at: r.at }));
}

export type Accept = { role: "admin" | "staff"; name: string } | "invitation_not_found" | "too_many_memberships";

/** Moves the invitation into the staff in one batch, unless the user is staff of MAX_MEMBERSHIPS already. */
export async function accept(db: Db, workspace: number, user: number): Promise<Accept> {
  const [held] = await db.all<{ role: "admin" | "staff"; name: string; memberships: number }>(sql`
    select i.role as role, w.name as name, (select count(*) from workspace_staff where user = ${user}) as memberships
    from workspace_invitations i join workspaces w on w.id = i.workspace where i.workspace = ${workspace} and i.user = ${user}`);
  if (!held) return "invitation_not_found";
  if (held.memberships >= MAX_MEMBERSHIPS) return "too_many_memberships";
  const d1 = db.$client;
  await d1.batch([
    d1
      .prepare("insert into workspace_staff (workspace, user, role) select workspace, user, role from workspace_invitations where workspace = ?1 and user = ?2 on conflict do nothing")
      .bind(workspace, user),
    d1.prepare("delete from workspace_invitations where workspace = ?1 and user = ?2").bind(workspace, user),
  ]);
  return { role: held.role, name: held.name };
}

/** Declines or withdraws an invitation; false when there was none. */
export async function dropInvitation(db: Db, workspace: number, user: number): Promise<boolean> {
  const rows = await db.all(sql`delete from workspace_invitations where workspace = ${workspace} and user = ${user} returning user`);
  return rows.length > 0;
}

/** How many workspaces `user` is staff of. */
export async function membershipsOf(db: Db, user: number): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from workspace_staff where user = ${user}`);
  return row!.n;
}
