import { test } from "node:test";
import assert from "node:assert/strict";
import { entityAction } from "./entity-links.ts";
import type { MessageEntity } from "./types.ts";

const at = (type: MessageEntity["type"], covered: string, extra: Partial<MessageEntity> = {}) => entityAction({ type, offset: 0, length: covered.length, ...extra }, covered);

test("URLs open over http(s); a bare domain over http", () => {
  assert.deepEqual(at("url", "example.com/a"), { kind: "link", href: "http://example.com/a" });
  assert.deepEqual(at("url", "https://example.com"), { kind: "link", href: "https://example.com" });
  assert.deepEqual(at("text_link", "here", { url: "https://x.org" }), { kind: "link", href: "https://x.org" });
});

test("unsafe targets are never links, whatever a message claims", () => {
  assert.equal(at("text_link", "x", { url: "javascript:alert(1)" }), null);
  assert.equal(at("url", "javascript:alert(1)"), null);
  assert.equal(at("url", "java\tscript:alert(1)"), null);
  assert.equal(at("email", "a@b.com?x=javascript:"), null);
  assert.equal(at("phone_number", "+1 call me"), null);
});

test("emails, phones, mentions, commands and tags", () => {
  assert.deepEqual(at("email", "bob@example.com"), { kind: "link", href: "mailto:bob@example.com" });
  assert.deepEqual(at("phone_number", "+1 (212) 555-0123"), { kind: "link", href: "tel:+12125550123" });
  assert.deepEqual(at("mention", "@bob_1"), { kind: "mention", handle: "bob_1" });
  assert.equal(at("mention", "@b"), null);
  assert.deepEqual(at("text_mention", "Ada", { user: { id: 7, displayName: "Ada" } }), { kind: "user", userId: 7 });
  assert.deepEqual(at("bot_command", "/start@demo_bot"), { kind: "command", command: "/start@demo_bot" });
  assert.deepEqual(at("hashtag", "#tea"), { kind: "tag", tag: "#tea" });
  assert.equal(at("bold", "x"), null);
});
