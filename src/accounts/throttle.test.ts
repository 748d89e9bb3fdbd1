import { test } from "node:test";
import assert from "node:assert/strict";
import { afterFailure, handlePolicy, waitBefore, type FailureCount } from "./throttle.ts";

const p = handlePolicy;

function failures(n: number, at: number): FailureCount | null {
  let c: FailureCount | null = null;
  for (let i = 0; i < n; i++) c = afterFailure(c, p, at);
  return c;
}

test("a few failures cost nothing, then each one doubles the wait", () => {
  assert.equal(waitBefore(failures(p.free - 1, 1000), p, 1000), 0);
  assert.equal(waitBefore(failures(p.free, 1000), p, 1000), 1);
  assert.equal(waitBefore(failures(p.free + 1, 1000), p, 1000), 2);
  assert.equal(waitBefore(failures(p.free + 3, 1000), p, 1000), 8);
  assert.equal(waitBefore(failures(p.free + 3, 1000), p, 1005), 3);
  assert.equal(waitBefore(failures(p.free + 3, 1000), p, 1008), 0);
});

test("many failures lock the key, and the lock passes", () => {
  const locked = failures(p.lockAfter, 1000);
  assert.equal(waitBefore(locked, p, 1000), p.lockSeconds);
  assert.equal(waitBefore(locked, p, 1000 + p.lockSeconds), 0);
});

test("a count is forgotten a window after its last failure", () => {
  const old = failures(p.lockAfter, 1000);
  assert.deepEqual(afterFailure(old, p, 1000 + p.windowSeconds), { failures: 1, windowStart: 1000 + p.windowSeconds, lastFailure: 1000 + p.windowSeconds });
  assert.equal(afterFailure(old, p, 1001)!.failures, p.lockAfter + 1);
});
