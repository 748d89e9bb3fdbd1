import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, canAddMembers, canDeleteMessage, canEditMessage, canRemoveMember, canSetRole, outranks } from "./roles.ts";

test("owners and admins add; members do not", () => {
  assert.equal(canAddMembers("owner"), true);
  assert.equal(canAddMembers("admin"), true);
  assert.equal(canAddMembers("member"), false);
});

test("removal goes downward only; anyone but the owner may leave", () => {
  assert.equal(canRemoveMember(1, "owner", 2, "admin"), true);
  assert.equal(canRemoveMember(1, "admin", 2, "member"), true);
  assert.equal(canRemoveMember(1, "admin", 2, "admin"), false);
  assert.equal(canRemoveMember(1, "admin", 2, "owner"), false);
  assert.equal(canRemoveMember(1, "member", 2, "member"), false);
  assert.equal(canRemoveMember(2, "member", 2, "member"), true);
  assert.equal(canRemoveMember(1, "owner", 1, "owner"), false);
});

test("only the owner sets roles, never to or from owner", () => {
  assert.equal(canSetRole("owner", "member", "admin"), true);
  assert.equal(canSetRole("owner", "admin", "member"), true);
  assert.equal(canSetRole("admin", "member", "admin"), false);
  assert.equal(canSetRole("owner", "member", "owner"), false);
  assert.equal(canSetRole("owner", "owner", "member"), false);
});

test("authors edit; authors and group admins delete", () => {
  assert.equal(canEditMessage(1, 1), true);
  assert.equal(canEditMessage(1, 2), false);
  assert.equal(canDeleteMessage(1, "member", 1, false), true);
  assert.equal(canDeleteMessage(1, "admin", 2, true), true);
  assert.equal(canDeleteMessage(1, "admin", 2, false), false);
  assert.equal(canDeleteMessage(1, "member", 2, true), false);
});

test("one ranking: owner above admin above member", () => {
  assert.equal(atLeast("owner", "admin"), true);
  assert.equal(atLeast("admin", "admin"), true);
  assert.equal(atLeast("member", "admin"), false);
  assert.equal(outranks("owner", "admin"), true);
  assert.equal(outranks("admin", "admin"), false);
  assert.equal(outranks("member", "owner"), false);
});
