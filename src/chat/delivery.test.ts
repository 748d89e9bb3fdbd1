import { test } from "node:test";
import assert from "node:assert/strict";
import { advance, catchUpRange, isNew, unseen } from "./delivery.ts";

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

test("a message sent live before the first sync does not hide the client's gap", () => {
  // The client has up to 10; 11-14 came while it was away; 15 arrived live right after connecting.
  assert.deepEqual(catchUpRange(10, 15, 15), { after: 10, before: 15 });
  // Nothing live before the sync: from the later cursor, as before.
  assert.deepEqual(catchUpRange(10, undefined, undefined), { after: 10, before: null });
  assert.deepEqual(catchUpRange(10, 12, undefined), { after: 12, before: null });
  // The live message follows straight on: there is no gap.
  assert.deepEqual(catchUpRange(14, 15, 15), { after: 15, before: null });
});
