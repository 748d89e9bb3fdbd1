import { test } from "node:test";
import assert from "node:assert/strict";
import { fromBase64Url } from "../platform/crypto.ts";
import { chatInstance, inlineMessageId } from "./opaque-ids.ts";

test("opaque ids: stable for one bot, unmatched across bots, naming nobody", async () => {
  const chatKey = "p:1000001:1000002";
  const a = await chatInstance("key-a", chatKey);
  assert.match(a, /^-?\d{1,19}$/);
  assert.equal(await chatInstance("key-a", chatKey), a);
  assert.notEqual(await chatInstance("key-b", chatKey), a);
  assert.notEqual(await chatInstance("key-a", "p:1000001:1000003"), a);
  const m = await inlineMessageId("key-a", chatKey, 7);
  assert.match(m, /^[A-Za-z0-9_-]{24}$/);
  assert.equal(await inlineMessageId("key-a", chatKey, 7), m);
  assert.notEqual(await inlineMessageId("key-a", chatKey, 8), m);
  assert.notEqual(await inlineMessageId("key-b", chatKey, 7), m);
  const text = new TextDecoder().decode(fromBase64Url(m));
  for (const id of ["1000001", "1000002"]) {
    assert.ok(!a.includes(id) && !text.includes(id) && !m.includes(id), id);
  }
});
