import { test } from "node:test";
import assert from "node:assert/strict";
import { advance, isNew, unseen } from "./delivery.ts";

test("a socket sees each message of a chat once", () => {
  let c = {};
  assert.equal(isNew(c, 5, 1), true);
  c = advance(c, 5, 1);
  assert.equal(isNew(c, 5, 1), false);
  assert.equal(isNew(c, -2, 1), true);
  assert.deepEqual(advance(c, 5, 1), c);
});

test("unseen keeps order and drops repeats across chats", () => {
  const msgs = [
    { chatId: 1, id: 3 },
    { chatId: 2, id: 1 },
    { chatId: 1, id: 3 },
    { chatId: 1, id: 4 },
    { chatId: 1, id: 2 },
  ];
  const r = unseen({ "1": 2 }, msgs);
  assert.deepEqual(r.fresh, [{ chatId: 1, id: 3 }, { chatId: 2, id: 1 }, { chatId: 1, id: 4 }]);
  assert.deepEqual(r.cursors, { "1": 4, "2": 1 });
});
