import { test } from "node:test";
import assert from "node:assert/strict";
import { botSees } from "./privacy.ts";
import { take } from "../platform/rate-limit.ts";
import { defaultRateLimits } from "./limits.ts";
import { checkOutboundUrl } from "../platform/outbound-url.ts";
import { sha256Hex } from "../platform/crypto.ts";
import { retryDelayMs, signWebhook, verifyWebhook } from "./webhook-signature.ts";
import { fileIdOf, parseFileId, quizAnswerShown, tgMessage, tgPoll } from "./wire.ts";

const bot = { id: 9, username: "helper_bot", privacy: true };

test("privacy mode: commands, mentions and replies in groups; everything in private", () => {
  assert.equal(botSees({ text: "hello all", fromId: 1 }, bot, "group"), false);
  assert.equal(botSees({ text: "hello all", fromId: 1 }, bot, "private"), true);
  assert.equal(botSees({ text: "/help", fromId: 1 }, bot, "group"), true);
  assert.equal(botSees({ text: "/help@Helper_Bot", fromId: 1 }, bot, "group"), true);
  assert.equal(botSees({ text: "/help@other_bot", fromId: 1 }, bot, "group"), false);
  assert.equal(botSees({ text: "hey @helper_bot", fromId: 1 }, bot, "group"), true);
  assert.equal(botSees({ text: "sure", fromId: 1, replyToSenderId: 9 }, bot, "group"), true);
  assert.equal(botSees({ text: "hello all", fromId: 1 }, { ...bot, privacy: false }, "group"), true);
});

test("token buckets: bursts, then a wait that says how long", () => {
  const limit = defaultRateLimits.privateChat;
  let bucket;
  for (let i = 0; i < limit.burst; i++) {
    const r = take(bucket, limit, 1000);
    assert.equal(r.ok, true);
    bucket = r.ok ? r.bucket : bucket;
  }
  const refused = take(bucket, limit, 1000);
  assert.deepEqual(refused, { ok: false, retryAfter: 1 });
  assert.equal(take(bucket, limit, 2000).ok, true, "a second later one token is back");
});

test("token buckets: a cost is taken whole or not at all; one above the burst costs the burst", () => {
  const limit = { rate: 1, burst: 30 };
  const first = take(undefined, limit, 0, 10);
  assert.equal(first.ok && first.bucket.tokens, 20);
  const low = { tokens: 4, at: 0 };
  assert.deepEqual(take(low, limit, 0, 10), { ok: false, retryAfter: 6 }, "nothing taken: 4 tokens stay");
  const clamped = take(undefined, { rate: 1, burst: 5 }, 0, 10);
  assert.equal(clamped.ok && clamped.bucket.tokens, 0);
});

test("webhook URLs: https to public hosts only; loopback http when local", () => {
  const remote = { allowLoopbackHttp: false };
  assert.equal(checkOutboundUrl("https://bots.example.com/hook", remote).ok, true);
  for (const bad of [
    "http://bots.example.com/hook",
    "https://127.0.0.1/",
    "https://10.1.2.3/",
    "https://172.20.0.1/",
    "https://192.168.0.10/",
    "https://169.254.169.254/",
    "https://100.64.0.1/",
    "https://[::1]/",
    "https://[fe80::1]/",
    "https://[fd00::1]/",
    "https://[::ffff:10.0.0.1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://localhost./",
    "https://metadata.google.internal./",
    "https://localhost/",
    "https://db.internal/",
    "https://printer.local/",
    "https://intranet/",
    "https://user:pw@example.com/",
    "not a url",
  ]) {
    assert.equal(checkOutboundUrl(bad, remote).ok, false, bad);
  }
  assert.equal(checkOutboundUrl("https://[2606:4700::1111]/hook", remote).ok, true, "public IPv6 literal");
  assert.equal(checkOutboundUrl("http://127.0.0.1:3000/hook", { allowLoopbackHttp: true }).ok, true);
  assert.equal(checkOutboundUrl("http://10.0.0.1/hook", { allowLoopbackHttp: true }).ok, false);
});

test("webhook signatures verify, and fail on any change or when stale", async () => {
  const key = await sha256Hex("secret-part-of-token");
  const header = await signWebhook(key, 1_700_000_000, '{"update_id":1}');
  assert.match(header, /^t=1700000000,v1=[0-9a-f]{64}$/);
  assert.equal(await verifyWebhook(key, header, '{"update_id":1}', 1_700_000_010), true);
  assert.equal(await verifyWebhook(key, header, '{"update_id":2}', 1_700_000_010), false);
  assert.equal(await verifyWebhook(await sha256Hex("other"), header, '{"update_id":1}', 1_700_000_010), false);
  assert.equal(await verifyWebhook(key, header, '{"update_id":1}', 1_700_001_000), false);
});

test("retries back off exponentially, capped", () => {
  assert.deepEqual([1, 2, 3, 4].map((a) => retryDelayMs(a, 1000)), [1000, 2000, 4000, 8000]);
  assert.equal(retryDelayMs(40, 1000), 3_600_000);
});

test("file ids round-trip and reject garbage", () => {
  const id = fileIdOf("p:3:9", { fileId: "0b7c1a2e-1111-4222-8333-944455556666" });
  assert.deepEqual(parseFileId(id), { chatKey: "p:3:9", fileId: "0b7c1a2e-1111-4222-8333-944455556666" });
  assert.equal(parseFileId("nonsense!"), null);
  assert.equal(parseFileId(btoa("../../etc/passwd")), null);
});

test("messages in the Bot API's shape", () => {
  const chat = { id: 3, key: "p:3:9", type: "private" as const, title: "Ann", peer: { id: 3, handle: "ann", displayName: "Ann" } };
  const m = tgMessage(
    {
      id: 4,
      from: { id: 3, handle: "ann", displayName: "Ann" },
      date: 100,
      text: "see",
      media: { kind: "file", fileId: "0b7c1a2e-1111-4222-8333-944455556666", mime: "application/pdf", size: 10, name: "a.pdf" },
    },
    chat,
    9,
  );
  assert.deepEqual(m.chat, { id: 3, type: "private", first_name: "Ann", username: "ann" });
  assert.equal(m.caption, "see");
  assert.equal((m.document as { file_name: string }).file_name, "a.pdf");
  assert.equal(m.text, undefined);
});

test("a quiz's answer: for the bot that sent it, in a private chat with the bot, and once closed", () => {
  const quiz = { id: "g:1/5", question: "2+2?", options: [{ text: "3", voterCount: 0 }, { text: "4", voterCount: 0 }], totalVoterCount: 0, isClosed: false, isAnonymous: true, type: "quiz" as const, allowsMultipleAnswers: false, correctOptionId: 1, explanation: "Arithmetic" };
  const group = { type: "group" as const };
  assert.equal(quizAnswerShown(quiz, 7, group, 7), true, "its sender");
  assert.equal(quizAnswerShown(quiz, 7, group, 8), false, "another bot in the group");
  assert.equal(quizAnswerShown(quiz, 7, { type: "private" }, 8), true);
  assert.equal(quizAnswerShown({ ...quiz, isClosed: true }, 7, group, 8), true);
  const hidden = tgPoll(quiz, false);
  assert.equal(hidden.correct_option_id, undefined);
  assert.equal(hidden.explanation, undefined);
  assert.equal(tgPoll(quiz, true).correct_option_id, 1);
});
