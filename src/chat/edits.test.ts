import { test } from "node:test";
import assert from "node:assert/strict";
import { editChanges } from "./edits.ts";

const button = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };

test("an edit that changes nothing is refused", () => {
  assert.equal(editChanges({ text: "hi" }, { text: "hi" }), null);
  assert.equal(editChanges({ text: "hi", replyMarkup: button }, { replyMarkup: button }), null);
  assert.equal(editChanges({ text: "hi", entities: [] }, { text: "hi" }), null);
});

test("a new text drops the old entities; null removes the buttons", () => {
  const bold = [{ type: "bold" as const, offset: 0, length: 2 }];
  assert.deepEqual(editChanges({ text: "hi", entities: bold }, { text: "ho" }), { text: "ho" });
  assert.deepEqual(editChanges({ text: "hi", replyMarkup: button }, { replyMarkup: null }), { text: "hi" });
  assert.deepEqual(editChanges({ text: "hi" }, { replyMarkup: button }), { text: "hi", replyMarkup: button });
});
