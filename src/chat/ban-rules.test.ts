import { test } from "node:test";
import assert from "node:assert/strict";
import { banHolds, banRefusal, banUntil } from "./ban-rules.ts";
import { canDeleteMessage } from "./roles.ts";

test("only owners and admins ban, and only those ranked below them", () => {
  assert.equal(banRefusal("member", "member"), "not_enough_rights");
  assert.equal(banRefusal("member", null), "not_enough_rights");
  assert.equal(banRefusal("admin", "owner"), "cant_remove_owner");
  assert.equal(banRefusal("admin", "admin"), "target_is_admin");
  assert.equal(banRefusal("admin", "member"), null);
  assert.equal(banRefusal("admin", null), null); // not a member: banned ahead of time
  assert.equal(banRefusal("owner", "admin"), null);
  assert.equal(banRefusal("owner", "owner"), "cant_remove_owner");
});

test("a ban of under 30 seconds or over 366 days is for good, as in Telegram", () => {
  const now = 1_700_000_000;
  assert.equal(banUntil(undefined, now), 0);
  assert.equal(banUntil(0, now), 0);
  assert.equal(banUntil(now + 10, now), 0);
  assert.equal(banUntil(now - 100, now), 0);
  assert.equal(banUntil(now + 30, now), now + 30);
  assert.equal(banUntil(now + 86_400, now), now + 86_400);
  assert.equal(banUntil(now + 367 * 86_400, now), 0);
});

test("a ban holds until its time, or for good", () => {
  assert.equal(banHolds(0, 5), true);
  assert.equal(banHolds(10, 5), true);
  assert.equal(banHolds(10, 10), false);
  assert.equal(banHolds(10, 11), false);
});

test("a bot deletes incoming messages in its private chats; people delete only their own there", () => {
  assert.equal(canDeleteMessage(9, "member", 1, false, true), true);
  assert.equal(canDeleteMessage(1, "member", 9, false, false), false);
  assert.equal(canDeleteMessage(1, "member", 9, false), false);
  // in groups a bot is like anyone else: its own messages, or anyone's as an admin
  assert.equal(canDeleteMessage(9, "member", 1, true, true), false);
  assert.equal(canDeleteMessage(9, "admin", 1, true, true), true);
});
