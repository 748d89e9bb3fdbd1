// The client API of workspaces and customer profiles (ARCHITECTURE.md 4.2), over the app's Api.
import type { Api } from "./api.ts";
import type { Invitation, InvitedMember } from "./invitations.ts";
import { customersQuery, type Customer, type Workspace, type WorkspaceRole } from "./profiles-state.ts";
import type { HeldProfile, Profile } from "./types.ts";

export interface StaffMember {
  id: number;
  handle: string;
  displayName: string;
  role: WorkspaceRole;
}

const ws = (id: number) => `/api/v1/workspaces/${id}`;

export class ProfilesApi {
  constructor(private readonly api: Api) {}

  workspaces() {
    return this.api.request<{ workspaces: Workspace[] }>("GET", "/api/v1/workspaces");
  }
  /** My workspaces where `userId` is a customer. */
  workspacesServing(userId: number) {
    return this.api.request<{ workspaces: Workspace[] }>("GET", `/api/v1/workspaces?customer=${userId}`);
  }
  createWorkspace(name: string) {
    return this.api.request<{ workspace: { id: number; name: string } }>("POST", "/api/v1/workspaces", { name });
  }
  staff(workspaceId: number) {
    return this.api.request<{ staff: StaffMember[]; invited: InvitedMember[] }>("GET", `${ws(workspaceId)}/staff`);
  }
  addStaff(workspaceId: number, handle: string, role: "admin" | "staff") {
    return this.api.request<{ staff: InvitedMember }>("POST", `${ws(workspaceId)}/staff`, { handle, role });
  }
  /** Removes a staff member, or withdraws the invitation of someone invited. */
  removeStaff(workspaceId: number, userId: number) {
    return this.api.request<{ ok: true }>("DELETE", `${ws(workspaceId)}/staff/${userId}`);
  }
  /** I leave a workspace (not one I own). */
  leave(workspaceId: number) {
    return this.api.request<{ ok: true }>("POST", `${ws(workspaceId)}/leave`, {});
  }
  /** The invitee's side: the invitations I hold; accepting one makes me staff. */
  invitations() {
    return this.api.request<{ invitations: Invitation[] }>("GET", "/api/v1/me/workspace-invitations");
  }
  acceptInvitation(workspaceId: number) {
    return this.api.request<{ workspace: Workspace }>("POST", `/api/v1/me/workspace-invitations/${workspaceId}/accept`, {});
  }
  declineInvitation(workspaceId: number) {
    return this.api.request<{ ok: true }>("DELETE", `/api/v1/me/workspace-invitations/${workspaceId}`);
  }
  customers(workspaceId: number, q: { q?: string; tag?: string | null; after?: string | null; limit?: number }) {
    return this.api.request<{ customers: Customer[] }>("GET", `${ws(workspaceId)}/customers?${customersQuery(q)}`);
  }
  tags(workspaceId: number) {
    return this.api.request<{ tags: { tag: string; count: number }[] }>("GET", `${ws(workspaceId)}/tags`);
  }
  profile(workspaceId: number, userId: number) {
    return this.api.request<{ profile: Profile }>("GET", `${ws(workspaceId)}/customers/${userId}`);
  }
  editFields(workspaceId: number, userId: number, fields: Record<string, string | string[] | null>) {
    return this.api.request<{ profile: Profile }>("PATCH", `${ws(workspaceId)}/customers/${userId}`, { fields });
  }
  setTags(workspaceId: number, userId: number, change: { add?: string[]; remove?: string[] }) {
    return this.api.request<{ tags: string[] }>("PUT", `${ws(workspaceId)}/customers/${userId}/tags`, change);
  }
  /** The customer's own side: which workspaces keep a profile on me, and what it holds. */
  aboutMe() {
    return this.api.request<{ profiles: HeldProfile[] }>("GET", "/api/v1/me/profiles");
  }
  askErase(workspaceId: number) {
    return this.api.request<{ ok: true }>("DELETE", `/api/v1/me/profiles/${workspaceId}`);
  }
}
