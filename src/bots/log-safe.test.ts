import { test } from "node:test";
import assert from "node:assert/strict";
import { labelBotCall, withoutTokens } from "./log-safe.ts";

const secret = "AAbbCCddEEffGGhhIIjjKKll-_12";

test("a Bot API path is named by bot id and method", () => {
  assert.deepEqual(labelBotCall(`/bot42:${secret}/sendMessage`), { botId: "42", method: "sendMessage", secret });
  assert.deepEqual(labelBotCall(`/file/bot42:${secret}/photos/a.jpg`), { botId: "42", method: "file", secret });
  assert.equal(labelBotCall(`/bot42:${secret}/<script>`).method, "?");
  assert.deepEqual(labelBotCall("/api/v1/me"), { botId: "?", method: "?", secret: null });
});

test("the secret and anything token-shaped are cut out of a log line", () => {
  const line = withoutTokens(`failed for /bot42:${secret}/x, authenticate(${secret}), other 7:${"z".repeat(30)}`, secret);
  assert.equal(line.includes(secret), false);
  assert.equal(line.includes("z".repeat(30)), false);
  assert.match(line, /bot42:<token>\/x/);
});
