import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanCode, codeSentTo, ordered, type Contact } from "./contacts.ts";

test("a typed code keeps its digits only, six at most", () => {
  assert.equal(cleanCode(" 123 456 "), "123456");
  assert.equal(cleanCode("123-4567"), "123456");
  assert.equal(cleanCode("abc"), "");
  assert.equal(cleanCode("007"), "007");
});

test("contacts show e-mail, phone, official account in that order", () => {
  const c = (channel: Contact["channel"]): Contact => ({ channel, address: channel, verified: false });
  assert.deepEqual(
    ordered([c("official_account"), c("sms"), c("email")]).map((x) => x.channel),
    ["email", "sms", "official_account"],
  );
});

test("the page says where the code went", () => {
  assert.match(codeSentTo({ channel: "email", address: "a@b.co" }), /by e-mail to a@b\.co/);
  assert.match(codeSentTo({ channel: "sms", address: "+447400123456" }), /by SMS to \+447400123456/);
  assert.match(codeSentTo({ channel: "official_account", address: "oa" }), /on the official account to oa/);
});
