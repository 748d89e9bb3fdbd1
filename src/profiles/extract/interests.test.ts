import { test } from "node:test";
import assert from "node:assert/strict";
import { found } from "./test-helpers.ts";

test("interests: listed after a liking cue, verb forms first (打羽毛球 over 羽毛球)", () => {
  assert.deepEqual(found("平时喜欢打羽毛球和爬山", "interest"), ["打羽毛球", "爬山"]);
  assert.deepEqual(found("兴趣的话看书、跑步、弹吉他", "interest"), ["看书", "跑步", "弹吉他"]);
  assert.deepEqual(found("my hobbies: cooking, yoga, reading", "interest"), ["cooking", "yoga", "reading"]);
  assert.deepEqual(found("we like board games and camping", "interest"), ["board games", "camping"]);
});

test("interests: the word without a liking cue is not an interest", () => {
  assert.deepEqual(found("我叫李娜，和网球那个同名", "interest"), []);
  assert.deepEqual(found("the tennis court is booked. I love it", "interest"), []);
});
