import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_PAGE } from "../protocol/messages.ts";
import { page, present } from "./messages.ts";

test("paging defaults to the start, clamps the limit, and pages backward with before", () => {
  assert.deepEqual(page({}), { after: 0, limit: 50, direction: "forward" });
  assert.deepEqual(page({ after: 9, limit: 1000 }), { after: 9, limit: MAX_PAGE, direction: "forward" });
  assert.deepEqual(page({ before: 20, limit: 5 }), { before: 20, limit: 5, direction: "backward" });
});

test("a member sees media at a URL under their own chat id", () => {
  const m = present(-4, {
    id: 1,
    from: { id: 1, handle: "a", displayName: "A" },
    date: 0,
    text: "",
    media: { kind: "image", fileId: "f", mime: "image/png", size: 1, name: "x.png" },
  });
  assert.equal(m.chatId, -4);
  assert.equal(m.media?.url, "/api/v1/chats/-4/media/f");
});

test("only the sender is shown its clientMsgId", () => {
  const stored = { id: 2, from: { id: 7, handle: "a", displayName: "A" }, date: 0, text: "hi", clientMsgId: "c-1" };
  assert.equal(present(9, stored, 7).clientMsgId, "c-1");
  assert.equal(present(7, stored, 9).clientMsgId, undefined);
  assert.equal(present(7, stored).clientMsgId, undefined);
});
