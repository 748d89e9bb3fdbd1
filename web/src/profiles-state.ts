// The customer profiles the web app holds, as plain data, and the one pure function that
// changes them: answers to its own requests and the stream's profile_updated,
// workspace_left and workspace_invited (invitations.ts). Side effects live in
// state/profiles-live.ts. Tested in profiles-state.test.ts and invitations.test.ts.
import type { WorkspaceRole } from "../../src/profiles/rules.ts";
import { canRemoveStaff, decide } from "../../src/profiles/rules.ts";
import { reduceInvitations, type Invitations, type InvitationsAction } from "./invitations.ts";
import type { Profile } from "./types.ts";

export type { WorkspaceRole };

export interface Workspace {
  id: number;
  name: string;
  role: WorkspaceRole;
}

export interface Customer {
  id: number;
  handle: string;
  displayName: string;
  tags: string[];
}

/** Whether a user is a customer of my workspaces: asked once per user, the workspaces that answered. */
export type Lookup = { state: "asking" } | { state: "done"; workspaceIds: number[] };

export interface ProfilesState {
  /** My workspaces with my role in each; null until asked. */
  workspaces: Workspace[] | null;
  /** Profiles held, by `workspaceId:userId`. */
  held: Record<string, Profile>;
  /** Users asked about (the peers of chats I opened), by user id. */
  lookups: Record<number, Lookup>;
  /** The workspace the switcher shows for a customer, when it is not the first. */
  chosen: Record<number, number>;
  /** Whether the panel beside a customer's chat is open. */
  panelOpen: boolean;
  /** The workspaces inviting me to be staff (invitations.ts); null until asked. */
  invitations: Invitations;
}

export const initialProfiles: ProfilesState = { workspaces: null, held: {}, lookups: {}, chosen: {}, panelOpen: false, invitations: null };

export type ProfilesAction =
  | { type: "workspaces_loaded"; workspaces: Workspace[] }
  | { type: "lookup_started"; userId: number }
  | { type: "lookup_done"; userId: number; profiles: Profile[] }
  | { type: "profile_loaded"; profile: Profile }
  /** A GET answered 404: the user is no longer that workspace's customer (or I its staff). */
  | { type: "profile_gone"; workspaceId: number; userId: number }
  | { type: "tags_set"; workspaceId: number; userId: number; tags: string[] }
  | { type: "chosen"; userId: number; workspaceId: number }
  | { type: "panel"; open: boolean }
  | { type: "reset"; panelOpen: boolean }
  | { type: "profile_updated"; workspaceId: number; userId: number; profile: Profile }
  | { type: "workspace_left"; workspaceId: number }
  | InvitationsAction;

export const profileKey = (workspaceId: number, userId: number) => `${workspaceId}:${userId}`;

export function reduceProfiles(s: ProfilesState, a: ProfilesAction): ProfilesState {
  switch (a.type) {
    case "workspaces_loaded": {
      // Another set of workspaces (one made, joined or left): whom they serve is asked again.
      const same = s.workspaces !== null && s.workspaces.map((w) => w.id).join() === a.workspaces.map((w) => w.id).join();
      return { ...s, workspaces: a.workspaces, lookups: same || s.workspaces === null ? s.lookups : {} };
    }
    case "lookup_started":
      return { ...s, lookups: { ...s.lookups, [a.userId]: { state: "asking" } } };
    case "lookup_done": {
      const held = { ...s.held };
      for (const p of a.profiles) held[profileKey(p.workspaceId, a.userId)] = { ...p, userId: a.userId };
      return { ...s, held, lookups: { ...s.lookups, [a.userId]: { state: "done", workspaceIds: a.profiles.map((p) => p.workspaceId) } } };
    }
    case "profile_loaded":
    case "profile_updated": {
      const p = a.type === "profile_loaded" ? a.profile : { ...a.profile, workspaceId: a.workspaceId, userId: a.userId };
      const key = profileKey(p.workspaceId, p.userId);
      const lookup = s.lookups[p.userId];
      const known = lookup?.state === "done" && lookup.workspaceIds.includes(p.workspaceId);
      // A live update is taken for a profile held or a user looked up (they may have just
      // become a customer); not for every customer of every workspace.
      if (a.type === "profile_updated" && !s.held[key] && lookup?.state !== "done") return s;
      const lookups = lookup?.state === "done" && !known ? { ...s.lookups, [p.userId]: { state: "done" as const, workspaceIds: [...lookup.workspaceIds, p.workspaceId] } } : s.lookups;
      return { ...s, held: { ...s.held, [key]: p }, lookups };
    }
    case "profile_gone":
      return dropWhere(s, (ws, user) => ws === a.workspaceId && user === a.userId);
    case "tags_set": {
      const key = profileKey(a.workspaceId, a.userId);
      const p = s.held[key];
      return p ? { ...s, held: { ...s.held, [key]: { ...p, tags: a.tags } } } : s;
    }
    case "chosen":
      return { ...s, chosen: { ...s.chosen, [a.userId]: a.workspaceId } };
    case "panel":
      return s.panelOpen === a.open ? s : { ...s, panelOpen: a.open };
    case "reset":
      return { ...initialProfiles, panelOpen: a.panelOpen };
    case "invitations_loaded":
    case "workspace_invited":
    case "invitation_gone": {
      const invitations = reduceInvitations(s.invitations, a);
      return invitations === s.invitations ? s : { ...s, invitations };
    }
    case "workspace_left": {
      const next = dropWhere(s, (ws) => ws === a.workspaceId);
      return { ...next, workspaces: next.workspaces?.filter((w) => w.id !== a.workspaceId) ?? null };
    }
  }
}

/** Drops held profiles (and their place in lookups and the switcher) matching `gone(workspace, user)`. */
function dropWhere(s: ProfilesState, gone: (workspaceId: number, userId: number) => boolean): ProfilesState {
  const held: Record<string, Profile> = {};
  for (const [k, p] of Object.entries(s.held)) if (!gone(p.workspaceId, p.userId)) held[k] = p;
  const lookups: Record<number, Lookup> = {};
  for (const [id, l] of Object.entries(s.lookups)) {
    const userId = Number(id);
    lookups[userId] = l.state === "done" ? { state: "done", workspaceIds: l.workspaceIds.filter((ws) => !gone(ws, userId)) } : l;
  }
  const chosen: Record<number, number> = {};
  for (const [id, ws] of Object.entries(s.chosen)) if (!gone(ws, Number(id))) chosen[Number(id)] = ws;
  return { ...s, held, lookups, chosen };
}

/** The workspaces whose profile of `userId` I hold, in the order they answered. */
export function workspacesFor(s: ProfilesState, userId: number): number[] {
  const l = s.lookups[userId];
  return l?.state === "done" ? l.workspaceIds.filter((ws) => s.held[profileKey(ws, userId)]) : [];
}

/** The profile the panel shows for `userId`: the switcher's pick if still held, else the first. */
export function shownProfile(s: ProfilesState, userId: number): Profile | null {
  const list = workspacesFor(s, userId);
  const pick = s.chosen[userId];
  const ws = pick !== undefined && list.includes(pick) ? pick : list[0];
  return ws === undefined ? null : (s.held[profileKey(ws, userId)] ?? null);
}

// ---- the workspace page ------------------------------------------------------------------

export const CUSTOMERS_PAGE = 50;

/** The customers query string: only what is set (q trimmed, a tag, the handle to page after). */
export function customersQuery(q: { q?: string; tag?: string | null; after?: string | null; limit?: number }): string {
  const p = new URLSearchParams();
  const text = q.q?.trim();
  if (text) p.set("q", text);
  if (q.tag) p.set("tag", q.tag);
  if (q.after) p.set("after", q.after);
  p.set("limit", String(q.limit ?? CUSTOMERS_PAGE));
  return p.toString();
}

/** Where the next page starts: the last handle of a full page; null when this page was the last. */
export function nextAfter(page: readonly Customer[], limit = CUSTOMERS_PAGE): string | null {
  return page.length >= limit ? (page[page.length - 1]?.handle ?? null) : null;
}

/** A later page appended, without a customer twice (one who changed handle mid-paging). */
export function appendPage(held: readonly Customer[], page: readonly Customer[]): Customer[] {
  const seen = new Set(held.map((c) => c.id));
  return [...held, ...page.filter((c) => !seen.has(c.id))];
}

/** Whether my role lets me add staff (the server's own rule). */
export function canAddStaff(role: WorkspaceRole): boolean {
  return decide(role, "add_staff") === "allow";
}

/** Whether my role lets me remove a colleague of `target` role (the server's own rule); never myself. */
export function canRemove(role: WorkspaceRole, target: WorkspaceRole, isMe: boolean): boolean {
  return !isMe && decide(role, "remove_staff") === "allow" && canRemoveStaff(role, target);
}
