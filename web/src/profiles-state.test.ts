import { test } from "node:test";
import assert from "node:assert/strict";
import {
  appendPage,
  canAddStaff,
  canRemove,
  customersQuery,
  initialProfiles,
  nextAfter,
  reduceProfiles,
  shownProfile,
  workspacesFor,
  type Customer,
  type ProfilesAction,
  type ProfilesState,
} from "./profiles-state.ts";
import type { Profile } from "./types.ts";

const profile = (workspaceId: number, userId: number, extra: Partial<Profile> = {}): Profile => ({
  workspaceId,
  userId,
  handle: "bob",
  displayName: "Bob",
  fields: {},
  tags: [],
  staff: [],
  events: [],
  ...extra,
});

const run = (s: ProfilesState, ...actions: ProfilesAction[]) => actions.reduce(reduceProfiles, s);

const looked = run(
  initialProfiles,
  { type: "workspaces_loaded", workspaces: [{ id: 10, name: "Acme", role: "owner" }, { id: 20, name: "Beta", role: "staff" }] },
  { type: "lookup_started", userId: 2 },
  { type: "lookup_done", userId: 2, profiles: [profile(10, 2), profile(20, 2)] },
);

test("a lookup holds each workspace's profile; the panel shows the first unless the switcher picked another", () => {
  assert.deepEqual(workspacesFor(looked, 2), [10, 20]);
  assert.equal(shownProfile(looked, 2)?.workspaceId, 10);
  assert.equal(shownProfile(run(looked, { type: "chosen", userId: 2, workspaceId: 20 }), 2)?.workspaceId, 20);
  assert.equal(shownProfile(looked, 3), null);
});

test("profile_updated replaces the held profile of that workspace and user only", () => {
  const s = run(looked, { type: "profile_updated", workspaceId: 20, userId: 2, profile: profile(20, 2, { tags: ["vip"] }) });
  assert.deepEqual(s.held["20:2"]?.tags, ["vip"]);
  assert.equal(s.held["10:2"], looked.held["10:2"]);
});

test("profile_updated about a user never looked up is not held", () => {
  const s = run(looked, { type: "profile_updated", workspaceId: 10, userId: 7, profile: profile(10, 7) });
  assert.equal(s, looked);
});

test("profile_updated from a new workspace of a looked-up user adds it to the switcher", () => {
  const one = run(initialProfiles, { type: "lookup_done", userId: 2, profiles: [profile(10, 2)] });
  const s = run(one, { type: "profile_updated", workspaceId: 30, userId: 2, profile: profile(30, 2) });
  assert.deepEqual(workspacesFor(s, 2), [10, 30]);
});

test("workspace_left drops that workspace's profiles, its place in lookups, the switcher and my list", () => {
  const s = run(looked, { type: "chosen", userId: 2, workspaceId: 10 }, { type: "workspace_left", workspaceId: 10 });
  assert.equal(s.held["10:2"], undefined);
  assert.deepEqual(workspacesFor(s, 2), [20]);
  assert.equal(shownProfile(s, 2)?.workspaceId, 20);
  assert.deepEqual(s.workspaces?.map((w) => w.id), [20]);
  const none = run(s, { type: "workspace_left", workspaceId: 20 });
  assert.equal(shownProfile(none, 2), null);
});

test("a profile that answered 404 is dropped; tags set replace the held tags", () => {
  const gone = run(looked, { type: "profile_gone", workspaceId: 20, userId: 2 });
  assert.deepEqual(workspacesFor(gone, 2), [10]);
  const tagged = run(looked, { type: "tags_set", workspaceId: 10, userId: 2, tags: ["a", "b"] });
  assert.deepEqual(tagged.held["10:2"]?.tags, ["a", "b"]);
  assert.equal(run(looked, { type: "tags_set", workspaceId: 99, userId: 2, tags: ["a"] }), looked);
});

test("a changed list of my workspaces asks about chat peers again; the same list keeps the answers", () => {
  const same = run(looked, { type: "workspaces_loaded", workspaces: [{ id: 10, name: "Acme", role: "owner" }, { id: 20, name: "Beta", role: "staff" }] });
  assert.equal(same.lookups, looked.lookups);
  const more = run(looked, { type: "workspaces_loaded", workspaces: [{ id: 10, name: "Acme", role: "owner" }, { id: 20, name: "Beta", role: "staff" }, { id: 30, name: "New", role: "owner" }] });
  assert.deepEqual(more.lookups, {});
});

test("reset forgets everything but the panel's preference", () => {
  const s = run(looked, { type: "panel", open: true }, { type: "reset", panelOpen: true });
  assert.deepEqual(s, { ...initialProfiles, panelOpen: true });
});

const c = (id: number, handle: string): Customer => ({ id, handle, displayName: handle, tags: [] });

test("customers: the query names only what is set; a full page pages after its last handle", () => {
  assert.equal(customersQuery({ q: "  bo ", tag: null, after: null, limit: 50 }), "q=bo&limit=50");
  assert.equal(customersQuery({ tag: "vip lead", after: "bob" }), "tag=vip+lead&after=bob&limit=50");
  assert.equal(nextAfter([c(1, "a"), c(2, "b")], 2), "b");
  assert.equal(nextAfter([c(1, "a")], 2), null);
  assert.deepEqual(appendPage([c(1, "a")], [c(1, "a2"), c(2, "b")]).map((x) => x.id), [1, 2]);
});

test("staff rules as the server's: owners and admins add; admins remove staff only; nobody removes the owner or themselves", () => {
  assert.equal(canAddStaff("owner"), true);
  assert.equal(canAddStaff("admin"), true);
  assert.equal(canAddStaff("staff"), false);
  assert.equal(canRemove("owner", "admin", false), true);
  assert.equal(canRemove("admin", "staff", false), true);
  assert.equal(canRemove("admin", "admin", false), false);
  assert.equal(canRemove("staff", "staff", false), false);
  assert.equal(canRemove("owner", "owner", true), false);
  assert.equal(canRemove("owner", "staff", true), false);
});
