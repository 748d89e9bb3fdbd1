// Joining a workspace by consent, as plain data: the invitations I hold (the sidebar's badge,
// the workspace page's list), how they change (answers, the stream's workspace_invited, my
// accepting or declining), and the words the page uses. Pure; tested in invitations.test.ts.
import { decide, type WorkspaceRole } from "../../src/profiles/rules.ts";

export type InvitedRole = Exclude<WorkspaceRole, "owner">;

/** An invitation I hold. `invitedBy` is null for one known only from the stream, until asked. */
export interface Invitation {
  workspace: { id: number; name: string };
  role: InvitedRole;
  invitedBy: { id: number; handle: string; displayName: string } | null;
  at: number;
}

/** Someone a workspace invited, not yet staff (GET /workspaces/{ws}/staff's `invited`). */
export interface InvitedMember {
  id: number;
  handle: string;
  displayName: string;
  role: InvitedRole;
  status: "invited";
}

/** The invitations I hold, newest first; null until asked. */
export type Invitations = Invitation[] | null;

export type InvitationsAction =
  | { type: "invitations_loaded"; invitations: Invitation[] }
  | { type: "workspace_invited"; workspaceId: number; name: string; role: InvitedRole; at: number }
  /** Accepted, declined, or found withdrawn. */
  | { type: "invitation_gone"; workspaceId: number };

export function reduceInvitations(s: Invitations, a: InvitationsAction): Invitations {
  switch (a.type) {
    case "invitations_loaded":
      return a.invitations;
    case "workspace_invited": {
      // Live: counted at once (the badge), on top; asked again for who invited.
      const held = s ?? [];
      const rest = held.filter((i) => i.workspace.id !== a.workspaceId);
      const before = held.find((i) => i.workspace.id === a.workspaceId);
      return [{ workspace: { id: a.workspaceId, name: a.name }, role: a.role, invitedBy: before?.invitedBy ?? null, at: a.at }, ...rest];
    }
    case "invitation_gone":
      return s && s.some((i) => i.workspace.id === a.workspaceId) ? s.filter((i) => i.workspace.id !== a.workspaceId) : s;
  }
}

const asRole = (role: InvitedRole) => (role === "admin" ? "an admin" : "staff");

/** "Alice Liddell invites you to Acme as staff"; "You are invited to Acme as an admin" when the inviter is not known yet. */
export function invitationText(i: Invitation): string {
  return i.invitedBy
    ? `${i.invitedBy.displayName} invites you to ${i.workspace.name} as ${asRole(i.role)}`
    : `You are invited to ${i.workspace.name} as ${asRole(i.role)}`;
}

/** What the add-staff form says once the server has sent the invitation. */
export function invitedConfirmation(handle: string): string {
  return `@${handle} is invited; they join when they accept.`;
}

/** The sidebar badge's text: the count, "50+" past the most anyone holds; null for none. */
export function badgeText(count: number): string | null {
  return count <= 0 ? null : count > 50 ? "50+" : String(count);
}

/** The Workspaces entry's accessible name, with the invitations waiting. */
export function entryLabel(count: number): string {
  return count <= 0 ? "Workspaces" : `Workspaces, ${count} ${count === 1 ? "invitation" : "invitations"}`;
}

/** Whether my role lets me withdraw an invitation (the server asks remove_staff: owner and admins). */
export function canWithdraw(role: WorkspaceRole): boolean {
  return decide(role, "remove_staff") === "allow";
}

/** Whether I may leave a workspace: anyone but its owner (it would have none). */
export function canLeave(role: WorkspaceRole): boolean {
  return role !== "owner";
}
