// The outside channels' pure parts (issue 10 point 1): the official account's payload,
// signature and answer mapping; the SMS provider list, text bound and failover decision; the
// e-mail's parts and MIME.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hmacSha256Hex } from "../../platform/crypto.ts";
import { bound, officialAccountPayload, resultOfStatus, signOfficialAccount } from "./official-account.ts";
import { afterAttempt, mayHaveSent, parseSmsProviders, smsText } from "./sms.ts";
import { base64Lines, composeEmail, emailParts } from "./email-mime.ts";

const msg = { user: 7, to: "oa-ann", title: "Acme", text: "Your parcel ships today", link: "https://sb.example/r/t1" };

test("official account: the payload is a template message; a code joins the text once", () => {
  assert.deepEqual(officialAccountPayload(msg), { touser: "oa-ann", template: "notification", title: "Acme", text: "Your parcel ships today", url: "https://sb.example/r/t1" });
  const { link: _l, ...noLink } = msg;
  assert.equal("url" in officialAccountPayload(noLink), false);
  assert.equal(officialAccountPayload({ ...noLink, text: "Your code", code: "123456" }).text, "Your code 123456");
  assert.equal(officialAccountPayload({ ...noLink, text: "Your code is 123456", code: "123456" }).text, "Your code is 123456");
  const long = officialAccountPayload({ ...msg, title: "t".repeat(500), text: "x".repeat(5000) });
  assert.equal([...long.title].length, 100);
  assert.equal([...long.text].length, 1000);
  assert.ok(long.text.endsWith("…"));
});

test("official account: the signature is the HMAC of timestamp.body, and changes with either", async () => {
  const body = JSON.stringify(officialAccountPayload(msg));
  const sig = await signOfficialAccount("s3cret", 1_700_000_000, body);
  assert.equal(sig, `sha256=${await hmacSha256Hex("s3cret", `1700000000.${body}`)}`);
  assert.match(sig, /^sha256=[0-9a-f]{64}$/);
  assert.notEqual(await signOfficialAccount("s3cret", 1_700_000_001, body), sig);
  assert.notEqual(await signOfficialAccount("s3cret", 1_700_000_000, body + " "), sig);
  assert.notEqual(await signOfficialAccount("other", 1_700_000_000, body), sig);
});

test("official account: 2xx sent, 4xx failed, 5xx uncertain", () => {
  for (const s of [200, 201, 204, 299]) assert.equal(resultOfStatus(s).status, "sent", String(s));
  for (const s of [400, 401, 404, 410, 429, 499]) assert.equal(resultOfStatus(s).status, "failed", String(s));
  for (const s of [500, 502, 503, 504, 599]) assert.equal(resultOfStatus(s).status, "uncertain", String(s));
});

test("bound cuts by code points and marks the cut", () => {
  assert.equal(bound("hello", 5), "hello");
  assert.equal(bound("hello!", 5), "hell…");
  assert.equal(bound("😀😀😀", 2), "😀…");
});

test("SMS: SMS_PROVIDERS must be a JSON array of 1 to 5 {name, url, token}", () => {
  assert.deepEqual(parseSmsProviders(undefined), { ok: false, reason: "not configured" });
  assert.deepEqual(parseSmsProviders("  "), { ok: false, reason: "not configured" });
  const good = [{ name: "a", url: "https://a.example/sms", token: "t" }];
  assert.deepEqual(parseSmsProviders(JSON.stringify(good)), { ok: true, providers: good });
  for (const bad of ["{", "{}", "[]", JSON.stringify([{ name: "a", url: "https://a.example" }]), JSON.stringify(Array(6).fill(good[0])), JSON.stringify([{ ...good[0], name: "" }])]) {
    assert.equal(parseSmsProviders(bad).ok, false, bad);
  }
});

test("SMS: the text is bounded to 480 with the link and the code kept whole", () => {
  assert.equal(smsText({ text: "Hi" }), "Hi");
  assert.equal(smsText({ text: "Hi", link: "https://sb.example/r/t" }), "Hi https://sb.example/r/t");
  assert.equal(smsText({ text: "Your code", code: "123456" }), "Your code 123456");
  assert.equal(smsText({ text: "Your code is 123456", code: "123456" }), "Your code is 123456");
  const long = smsText({ text: "y".repeat(1000), link: "https://sb.example/r/t" });
  assert.equal([...long].length, 480);
  assert.ok(long.endsWith("… https://sb.example/r/t"));
  assert.equal([...smsText({ text: "z".repeat(481) })].length, 480);
  assert.equal(smsText({ text: "z".repeat(480) }), "z".repeat(480));
  assert.equal([...smsText({ text: "x", link: `https://sb.example/${"l".repeat(600)}` })].length, 480);
});

test("SMS failover: sent stops, a bad number (422) stops, everything else tries the next provider", () => {
  assert.equal(afterAttempt({ status: 200 }), "sent");
  assert.equal(afterAttempt({ status: 202 }), "sent");
  assert.equal(afterAttempt({ status: 422 }), "bad_number");
  for (const s of [400, 401, 403, 404, 429, 500, 502, 503, 302]) assert.equal(afterAttempt({ status: s }), "next", String(s));
  assert.equal(afterAttempt({ error: "timeout" }), "next");
  assert.equal(afterAttempt({ error: "network" }), "next");
  // Only an answer that may hide a sent SMS makes an exhausted list uncertain.
  assert.equal(mayHaveSent({ status: 500 }), true);
  assert.equal(mayHaveSent({ error: "timeout" }), true);
  assert.equal(mayHaveSent({ error: "network" }), false);
  assert.equal(mayHaveSent({ status: 401 }), false);
});

test("e-mail: the parts escape the text and make the tracked link a real link; others are not links", () => {
  const p = emailParts({ title: "Hi\r\nBcc: x@y.example", text: "A <b> & \"c\"\nnext\n\nsecond", link: "https://sb.example/r/t?a=1&b=2" });
  assert.equal(p.subject, "Hi Bcc: x@y.example"); // no header injection through the title
  assert.equal(p.text, "A <b> & \"c\"\nnext\n\nsecond\n\nhttps://sb.example/r/t?a=1&b=2");
  assert.equal(p.html, '<!doctype html><html><body><p>A &lt;b&gt; &amp; &quot;c&quot;<br>next</p><p>second</p><p><a href="https://sb.example/r/t?a=1&amp;b=2">https://sb.example/r/t?a=1&amp;b=2</a></p></body></html>');
  const js = emailParts({ title: "t", text: "x", link: "javascript:alert(1)" });
  assert.equal(js.html.includes("<a"), false);
  assert.equal(js.text, "x");
  assert.ok(emailParts({ title: "t", text: "Your code", code: "123456" }).html.includes("<strong>123456</strong>"));
});

test("e-mail: base64 in lines of 76 that decode to the UTF-8 text", () => {
  const s = "Grüße, 世界! ".repeat(20);
  const lines = base64Lines(s).split("\r\n");
  assert.ok(lines.every((l) => l.length <= 76));
  assert.equal(new TextDecoder().decode(Uint8Array.from(atob(lines.join("")), (c) => c.charCodeAt(0))), s);
});

test("e-mail: the MIME has the headers and both parts", () => {
  const raw = composeEmail("notify@sb.example", "ann@example.com", { title: "Acme", text: "Hello", link: "https://sb.example/r/t" });
  assert.match(raw, /^From: .*<notify@sb\.example>\r$/m);
  assert.match(raw, /^To: <ann@example\.com>\r$/m);
  assert.match(raw, /^Subject: =\?utf-8\?B\?QWNtZQ==\?=\r$/m);
  assert.match(raw, /^Content-Type: multipart\/alternative; boundary=/m);
  assert.match(raw, /^Content-Type: text\/plain; charset=UTF-8\r$/m);
  assert.match(raw, /^Content-Type: text\/html; charset=UTF-8\r$/m);
  assert.ok(raw.includes(base64Lines("Hello\n\nhttps://sb.example/r/t")));
});
