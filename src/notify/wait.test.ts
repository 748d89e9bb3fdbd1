import { test } from "node:test";
import assert from "node:assert/strict";
import { byWait, MAX_DELAY_S } from "./wait.ts";
import { NOTIFY_READ_PREFIX, readToken } from "./read-button.ts";

test("jobs a queue can delay until their time go to the queue; later ones wait on the alarm", () => {
  const now = 1_000_000;
  const job = (at: number) => ({ job: { kind: "check" as const, notification: "n_x" }, at });
  const { queue, later } = byWait([job(now), job(now + MAX_DELAY_S * 1000), job(now + MAX_DELAY_S * 1000 + 1)], now);
  assert.deepEqual(queue.map((j) => j.at), [now, now + MAX_DELAY_S * 1000]);
  assert.deepEqual(later.map((j) => j.at), [now + MAX_DELAY_S * 1000 + 1]);
});

test("a read button's data names a delivery token; other data is the bot's", () => {
  assert.equal(readToken(`${NOTIFY_READ_PREFIX}AbCdEf0123456789_-xy`), "AbCdEf0123456789_-xy");
  assert.equal(readToken("buy:42"), null);
  assert.equal(readToken(`${NOTIFY_READ_PREFIX}short`), null);
  assert.equal(readToken(`${NOTIFY_READ_PREFIX}has spaces in it!!`), null);
});
