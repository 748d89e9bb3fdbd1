import { test } from "node:test";
import assert from "node:assert/strict";
import { privateRefusal } from "./entitlement.ts";

const ann = { id: 1, handle: "ann", displayName: "Ann" };
const bob = { id: 2, handle: "bob", displayName: "Bob" };
const bot = { id: 3, handle: "helper_bot", displayName: "Helper", isBot: true };
const never = async () => assert.fail("shareGroup asked when it does not matter");

test("a blocked sender is refused, a bot as bot_blocked", async () => {
  assert.equal(await privateRefusal(ann, bob, { blockedByPeer: true, unfriended: false }, never), "user_blocked");
  assert.equal(await privateRefusal(bot, ann, { blockedByPeer: true, unfriended: false }, never), "bot_blocked");
});

test("unfriended people may post only while they share a group; bots are exempt", async () => {
  assert.equal(await privateRefusal(ann, bob, { blockedByPeer: false, unfriended: true }, async () => false), "not_friends");
  assert.equal(await privateRefusal(ann, bob, { blockedByPeer: false, unfriended: true }, async () => true), null);
  assert.equal(await privateRefusal(ann, bot, { blockedByPeer: false, unfriended: true }, never), null);
  assert.equal(await privateRefusal(ann, bob, { blockedByPeer: false, unfriended: false }, never), null);
});
