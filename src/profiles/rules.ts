// Who may do what in a workspace, by role: the one rule every workspace route asks (through
// guard.ts). Pure, tested in rules.test.ts.
//
// Visibility: a workspace exists only for its staff. Anyone else asking about it (a stranger,
// a staff member since removed) gets 404 workspace_not_found, as if it did not exist; staff
// whose role does not allow an act get 403 workspace_forbidden.

export type WorkspaceRole = "owner" | "admin" | "staff";

export type WorkspaceAct = "view" | "list_staff" | "list_customers" | "add_staff" | "remove_staff" | "view_profile" | "edit_profile";

/** A user may own (create) at most this many workspaces. */
export const MAX_OWNED_WORKSPACES = 20;
/** A workspace holds at most this many staff, its owner included. */
export const MAX_STAFF = 500;
/** A user is staff of at most this many workspaces, and holds at most this many invitations. */
export const MAX_MEMBERSHIPS = 50;
export const MAX_INVITATIONS = 50;
/** The customers list answers at most this many at a time. */
export const MAX_CUSTOMERS = 200;
export const NAME_MAX = 64;

const allowed: Record<WorkspaceAct, readonly WorkspaceRole[]> = {
  view: ["owner", "admin", "staff"],
  list_staff: ["owner", "admin", "staff"],
  list_customers: ["owner", "admin", "staff"],
  add_staff: ["owner", "admin"],
  remove_staff: ["owner", "admin"],
  view_profile: ["owner", "admin", "staff"],
  edit_profile: ["owner", "admin", "staff"],
};

/** A customer carries at most this many tags; a workspace's tag library holds at most TAGS_PER_WORKSPACE. */
export const TAGS_PER_CUSTOMER = 50;
export const TAGS_PER_WORKSPACE = 500;
export const TAG_MAX = 32;
/** A staff-edited field value holds at most this many characters (a list item, TAG_MAX * 2). */
export const FIELD_VALUE_MAX = 500;

/** A tag: trimmed, inner whitespace collapsed, 1 to TAG_MAX characters, no control characters; null when it is not one. */
export function cleanTag(tag: string): string | null {
  const t = tag.trim().replace(/\s+/g, " ");
  // deno-lint-ignore no-control-regex
  if (t.length === 0 || [...t].length > TAG_MAX || /[\u0000-\u001f\u007f]/.test(t)) return null;
  return t;
}

export type Decision = "allow" | "hidden" | "forbidden";

/** `role` is the caller's role in the workspace, or null when they are not its staff. */
export function decide(role: WorkspaceRole | null, act: WorkspaceAct): Decision {
  if (role === null) return "hidden";
  return allowed[act].includes(role) ? "allow" : "forbidden";
}

/**
 * Whether `actor` may remove `target` from the staff: the owner never; the owner removes
 * anyone else; an admin removes staff only (not fellow admins, nor themselves).
 */
export function canRemoveStaff(actor: WorkspaceRole, target: WorkspaceRole): boolean {
  if (target === "owner") return false;
  if (actor === "owner") return true;
  return actor === "admin" && target === "staff";
}

/** A workspace's name: trimmed, 1 to 64 characters; null when it is not one. */
export function cleanName(name: string): string | null {
  const trimmed = name.trim();
  return trimmed.length >= 1 && [...trimmed].length <= NAME_MAX ? trimmed : null;
}
