import { test } from "node:test";
import assert from "node:assert/strict";
import { chatIdAs, eventsAs, fieldsAs } from "./present.ts";
import type { Fields } from "./merge.ts";

test("chat ids as each viewer knows them: a group's negative id, the customer in one's own private chat, null in a colleague's", () => {
  assert.equal(chatIdAs(7, "g:42"), -42);
  assert.equal(chatIdAs(7, "p:3:7"), 3);
  assert.equal(chatIdAs(9, "p:3:7"), null);
  assert.equal(chatIdAs(9, "nonsense"), null);
});

test("fields: known names first in their order, evidence per viewer, a colleague's chat named by the colleague", () => {
  const fields: Fields = {
    zzz: { value: "x", source: "staff", confidence: 1, updatedAt: 1, history: [] },
    email: {
      value: "a@b.example", source: "extracted", confidence: 0.9, updatedAt: 5, history: [{ value: "old@b.example", source: "extracted", confidence: 0.9, updatedAt: 2, evidence: { chatId: "g:4", messageId: 1, excerpt: "old" } }],
      evidence: { chatId: "p:3:7", messageId: 12, excerpt: "mail a@b.example" },
    },
    name: { value: "Ann", source: "account", confidence: 1, updatedAt: 0, history: [] },
  };
  const asStaff7 = fieldsAs(7, 3, fields);
  assert.deepEqual(Object.keys(asStaff7), ["name", "email", "zzz"]);
  assert.deepEqual(asStaff7.email!.evidence, { chatId: 3, messageId: 12, excerpt: "mail a@b.example" });
  assert.deepEqual(asStaff7.email!.history[0]!.evidence, { chatId: -4, messageId: 1, excerpt: "old" });
  const asStaff9 = fieldsAs(9, 3, fields);
  assert.deepEqual(asStaff9.email!.evidence, { chatId: null, staffId: 7, messageId: 12, excerpt: "mail a@b.example" });
});

test("events carry the staff member, and the chat only where the viewer can open it", () => {
  const events = eventsAs(9, [
    { type: "read", at: 3, staff: 7, chatKey: "p:3:7", title: null },
    { type: "joined_group", at: 2, staff: 9, chatKey: "g:5", title: "Buyers" },
  ]);
  assert.deepEqual(events, [
    { type: "read", at: 3, staffId: 7 },
    { type: "joined_group", at: 2, staffId: 9, chatId: -5, title: "Buyers" },
  ]);
});
