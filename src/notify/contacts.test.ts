import { test } from "node:test";
import assert from "node:assert/strict";
import { attemptRefusal, CODE_TTL_MS, codeHash, judgeCode, MAX_ATTEMPTS, newCode, normaliseAddress, type PendingContact } from "./contacts.ts";

const ok = (address: string) => ({ ok: true, address });

test("phones: international form only, E.164, mobile-capable", () => {
  assert.deepEqual(normaliseAddress("sms", " +44 7400 123456 "), ok("+447400123456"));
  assert.deepEqual(normaliseAddress("sms", "+1 (415) 555-2671"), ok("+14155552671"));
  assert.deepEqual(normaliseAddress("sms", "+86 138 0013 8000"), ok("+8613800138000"));
  for (const bad of ["07400 123456", "12345", "+1 234", "+44 20 7946 0000 1234567890", "+800 1234 5678", "phone", "", "+" + "1".repeat(60)]) {
    assert.deepEqual(normaliseAddress("sms", bad), { ok: false, reason: "bad_phone" }, bad);
  }
  // A landline cannot take an SMS.
  assert.deepEqual(normaliseAddress("sms", "+44 20 7946 0018"), { ok: false, reason: "bad_phone" });
});

test("e-mails: a sane shape, at most 254 characters, the domain lower-cased", () => {
  assert.deepEqual(normaliseAddress("email", "Ann.Lee+news@Example.COM"), ok("Ann.Lee+news@example.com"));
  assert.deepEqual(normaliseAddress("email", "  a@b.co "), ok("a@b.co"));
  for (const bad of ["ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "a..b@example.com", ".a@example.com", "a@-x.com", "a b@example.com", "a@example.c0m", "a<b>@example.com"]) {
    assert.deepEqual(normaliseAddress("email", bad), { ok: false, reason: "bad_email" }, bad);
  }
  const longDomain = `${"d".repeat(60)}.`.repeat(4) + "com"; // 247 characters
  assert(normaliseAddress("email", `abcdef@${longDomain}`).ok);
  assert.deepEqual(normaliseAddress("email", `abcdefgh@${longDomain}`), { ok: false, reason: "bad_email" }); // 255
  assert.deepEqual(normaliseAddress("email", `${"a".repeat(65)}@example.com`), { ok: false, reason: "bad_email" });
});

test("official-account ids: 1 to 64 of letters, digits, _ and -", () => {
  assert.deepEqual(normaliseAddress("official_account", "oA_9-x"), ok("oA_9-x"));
  assert(normaliseAddress("official_account", "x".repeat(64)).ok);
  for (const bad of ["", "x".repeat(65), "a b", "a/b", "ö", "a.b"]) {
    assert.deepEqual(normaliseAddress("official_account", bad), { ok: false, reason: "bad_official_account" }, bad);
  }
});

test("codes: six digits, drawn without bias, leading zeros kept", () => {
  assert.match(newCode(), /^\d{6}$/);
  assert.deepEqual(newCode((b) => ((b[0] = 42), b)), "000042");
  // Values in the incomplete last block of 2^32 are drawn again, not folded onto low codes.
  const draws = [4294967295, 4294000000, 7];
  assert.deepEqual(newCode((b) => ((b[0] = draws.shift()!), b)), "000007");
});

test("a code's hash is bound to user, channel and address", async () => {
  const h = await codeHash(1, "email", "a@b.co", "123456");
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.deepEqual(h, await codeHash(1, "email", "a@b.co", "123456"));
  assert.notEqual(h, await codeHash(2, "email", "a@b.co", "123456"));
  assert.notEqual(h, await codeHash(1, "sms", "a@b.co", "123456"));
  assert.notEqual(h, await codeHash(1, "email", "c@b.co", "123456"));
  assert.notEqual(h, await codeHash(1, "email", "a@b.co", "123457"));
});

const now = 1_000_000;
const pending = (over: Partial<PendingContact> = {}): PendingContact => ({ verified: false, codeHash: "aa", codeExpires: now + CODE_TTL_MS, attempts: 0, ...over });

test("judging a code: right, wrong, expired, void, none, no contact", () => {
  assert.deepEqual(judgeCode(pending(), "aa", now), "ok");
  assert.deepEqual(judgeCode(pending(), "ab", now), "bad_code");
  assert.deepEqual(judgeCode(pending({ attempts: MAX_ATTEMPTS - 1 }), "aa", now), "ok");
  assert.deepEqual(judgeCode(pending({ attempts: MAX_ATTEMPTS }), "aa", now), "too_many_attempts");
  assert.deepEqual(judgeCode(pending({ codeExpires: now }), "aa", now), "code_expired");
  assert.deepEqual(judgeCode(pending({ codeExpires: now + 1 }), "aa", now), "ok");
  assert.deepEqual(judgeCode(pending({ codeHash: null, codeExpires: null, verified: true }), "aa", now), "no_code_pending");
  assert.deepEqual(judgeCode(null, "aa", now), "contact_not_found");
  // Void before expired: the user is told the code is spent, not that time ran out.
  assert.deepEqual(attemptRefusal(pending({ attempts: MAX_ATTEMPTS, codeExpires: now - 1 }), now), "too_many_attempts");
  assert.deepEqual(attemptRefusal(pending(), now), null);
});
