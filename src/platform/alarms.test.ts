import { test } from "node:test";
import assert from "node:assert/strict";
import { earliest, shouldSetAlarm } from "./alarms.ts";

test("the alarm goes to the earliest due time of any module", () => {
  assert.equal(earliest([null, 5_000, undefined, 3_000]), 3_000);
  assert.equal(earliest([null, undefined]), null);
  assert.equal(earliest([]), null);
});

test("an alarm is brought forward, never pushed back", () => {
  assert.equal(shouldSetAlarm(null, 10), true);
  assert.equal(shouldSetAlarm(20, 10), true);
  assert.equal(shouldSetAlarm(10, 20), false); // a due retry is not postponed by new work
  assert.equal(shouldSetAlarm(10, null), false);
});
