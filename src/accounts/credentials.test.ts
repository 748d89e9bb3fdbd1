import { test } from "node:test";
import assert from "node:assert/strict";
import { hashPassword, hashToken, newSessionToken, PBKDF2_ITERATIONS, verifyPassword } from "./credentials.ts";

test("passwords: slow, salted, verifiable", async () => {
  const a = await hashPassword("open sesame");
  const b = await hashPassword("open sesame");
  assert.notEqual(a, b, "per-user salt");
  assert.ok(a.startsWith(`pbkdf2-sha256$${PBKDF2_ITERATIONS}$`));
  assert.ok(PBKDF2_ITERATIONS >= 100_000);
  assert.equal(await verifyPassword("open sesame", a), true);
  assert.equal(await verifyPassword("open sesame!", a), false);
  assert.equal(await verifyPassword("open sesame", "garbage"), false);
});

test("session tokens: random, and stored only as a digest", async () => {
  const t = newSessionToken();
  assert.match(t, /^[\w-]{43}$/);
  assert.notEqual(t, newSessionToken());
  assert.equal(await hashToken(t), await hashToken(t));
  assert.notEqual(await hashToken(t), t);
});
