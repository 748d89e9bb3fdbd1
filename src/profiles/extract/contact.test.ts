import { test } from "node:test";
import assert from "node:assert/strict";
import { facts, found } from "./test-helpers.ts";

test("phones: Chinese mobiles with and without spaces, in running Chinese text", () => {
  assert.deepEqual(found("我的手机是13800138000，有事打我", "phone"), ["13800138000"]);
  assert.deepEqual(found("微信同号139 1234 5678", "phone"), ["139 1234 5678"]);
  const [f] = facts("新号码：+86 186-0000-1234").filter((x) => x.type === "phone");
  assert.equal(f?.text, "+86 186-0000-1234");
  assert.equal(f?.value, "+8618600001234");
});

test("phones: landlines with area codes and international formats", () => {
  assert.deepEqual(found("座机021-62345678上班时间打", "phone"), ["021-62345678"]);
  assert.deepEqual(found("call me at (415) 555-2671 anytime", "phone"), ["(415) 555-2671"]);
  assert.deepEqual(found("My cell: +44 7911 123456", "phone"), ["+44 7911 123456"]);
  assert.deepEqual(found("call my assistant at +49 30 12345678", "phone"), ["+49 30 12345678"]);
});

test("phones: a fictional 555 number counts after a phone cue, a bare digit run does not", () => {
  assert.deepEqual(found("text me 555-123-4567", "phone"), ["555-123-4567"]);
  assert.deepEqual(found("text me on 555-0199", "phone"), ["555-0199"]);
  assert.deepEqual(found("ref 555-0199 ok", "phone"), []);
  assert.deepEqual(found("the deadline is 2025-01-20", "phone"), []);
});

test("emails: plain, dotted, with digits, glued to Chinese text, lowercased value", () => {
  assert.deepEqual(found("邮箱wangxm@163.com发资料给我", "email"), ["wangxm@163.com"]);
  assert.deepEqual(found("invoices to Billing.Team@cyberdyne.co.uk.", "email"), ["Billing.Team@cyberdyne.co.uk"]);
  assert.equal(facts("Mail: A.B@Example.COM").find((f) => f.type === "email")?.value, "a.b@example.com");
  assert.deepEqual(found("not an email: foo@bar", "email"), []);
});
