import { test } from "node:test";
import assert from "node:assert/strict";
import { bool, isTelegramSentence, tgWords } from "./params.ts";

test("booleans: JSON, and text in any letter case as Telegram reads it", () => {
  const read = [[true, true], [false, false], ["true", true], ["True", true], ["FALSE", false], ["False", false], ["1", true], ["0", false], ["yes", true], ["No", false]] as const;
  for (const [input, value] of read) assert.equal(bool.parse(input), value, String(input));
  for (const input of ["", "maybe", "truee", "2", 1, null]) assert.equal(bool.safeParse(input).success, false, String(input));
});

test("Telegram's own sentences are known as such; other messages are not", () => {
  assert.equal(tgWords("wrong poll type specified"), "wrong poll type specified");
  assert.equal(isTelegramSentence("wrong poll type specified"), true);
  assert.equal(isTelegramSentence("must be an integer"), false);
});
