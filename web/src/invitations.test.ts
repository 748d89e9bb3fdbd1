import { test } from "node:test";
import assert from "node:assert/strict";
import { badgeText, canLeave, canWithdraw, entryLabel, invitationText, invitedConfirmation, reduceInvitations, type Invitation, type Invitations } from "./invitations.ts";
import { initialProfiles, reduceProfiles } from "./profiles-state.ts";

const alice = { id: 1, handle: "alice", displayName: "Alice Liddell" };
const inv = (id: number, name: string, extra: Partial<Invitation> = {}): Invitation => ({ workspace: { id, name }, role: "staff", invitedBy: alice, at: id, ...extra });

test("the words of an invitation: who, where, which role; without the inviter until asked", () => {
  assert.equal(invitationText(inv(7, "Acme")), "Alice Liddell invites you to Acme as staff");
  assert.equal(invitationText(inv(7, "Acme", { role: "admin" })), "Alice Liddell invites you to Acme as an admin");
  assert.equal(invitationText(inv(7, "Acme", { invitedBy: null })), "You are invited to Acme as staff");
  assert.equal(invitedConfirmation("carol"), "@carol is invited; they join when they accept.");
});

test("the sidebar badge counts invitations; none shows no badge; the entry's name says how many", () => {
  assert.equal(badgeText(0), null);
  assert.equal(badgeText(1), "1");
  assert.equal(badgeText(50), "50");
  assert.equal(badgeText(51), "50+");
  assert.equal(entryLabel(0), "Workspaces");
  assert.equal(entryLabel(1), "Workspaces, 1 invitation");
  assert.equal(entryLabel(3), "Workspaces, 3 invitations");
});

test("a live invitation is counted at once, on top; asked again it gains its inviter; the same workspace twice is one", () => {
  let s: Invitations = null;
  s = reduceInvitations(s, { type: "workspace_invited", workspaceId: 7, name: "Acme", role: "staff", at: 100 });
  assert.equal(s!.length, 1);
  assert.equal(s![0]!.invitedBy, null);
  s = reduceInvitations(s, { type: "invitations_loaded", invitations: [inv(7, "Acme"), inv(3, "Beta")] });
  s = reduceInvitations(s, { type: "workspace_invited", workspaceId: 9, name: "Gamma", role: "admin", at: 200 });
  assert.deepEqual(s!.map((i) => i.workspace.id), [9, 7, 3]);
  // Invited again (withdrawn then re-invited, say): one entry, the new role, the inviter kept.
  s = reduceInvitations(s, { type: "workspace_invited", workspaceId: 3, name: "Beta", role: "admin", at: 300 });
  assert.deepEqual(s!.map((i) => i.workspace.id), [3, 9, 7]);
  assert.equal(s![0]!.role, "admin");
  assert.deepEqual(s![0]!.invitedBy, alice);
});

test("accepting or declining drops the invitation; an unknown one changes nothing", () => {
  const s: Invitations = [inv(7, "Acme"), inv(3, "Beta")];
  assert.deepEqual(reduceInvitations(s, { type: "invitation_gone", workspaceId: 7 })!.map((i) => i.workspace.id), [3]);
  assert.equal(reduceInvitations(s, { type: "invitation_gone", workspaceId: 99 }), s);
  assert.equal(reduceInvitations(null, { type: "invitation_gone", workspaceId: 7 }), null);
});

test("the profiles state holds the invitations, cleared when another user signs in", () => {
  let s = reduceProfiles(initialProfiles, { type: "invitations_loaded", invitations: [inv(7, "Acme")] });
  assert.equal(s.invitations!.length, 1);
  assert.equal(reduceProfiles(s, { type: "invitation_gone", workspaceId: 99 }), s);
  s = reduceProfiles(s, { type: "reset", panelOpen: false });
  assert.equal(s.invitations, null);
});

test("owner and admins withdraw invitations; anyone but the owner may leave", () => {
  assert.equal(canWithdraw("owner"), true);
  assert.equal(canWithdraw("admin"), true);
  assert.equal(canWithdraw("staff"), false);
  assert.equal(canLeave("owner"), false);
  assert.equal(canLeave("admin"), true);
  assert.equal(canLeave("staff"), true);
});
