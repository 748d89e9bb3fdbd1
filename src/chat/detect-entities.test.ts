import { test } from "node:test";
import assert from "node:assert/strict";
import { detectEntities, MAX_DETECTED, urlTarget } from "./detect-entities.ts";

/** Each entity as [type, the text it covers]. */
function seen(text: string): [string, string][] {
  return detectEntities(text).map((e) => [e.type, text.slice(e.offset, e.offset + e.length)]);
}

test("mentions, hashtags, cashtags and commands", () => {
  assert.deepEqual(seen("hi @alice, see #news and $USD; /start@demo_bot now"), [
    ["mention", "@alice"],
    ["hashtag", "#news"],
    ["cashtag", "$USD"],
    ["bot_command", "/start@demo_bot"],
  ]);
  assert.deepEqual(seen("/help"), [["bot_command", "/help"]]);
  assert.deepEqual(seen("#тег и #日本"), [
    ["hashtag", "#тег"],
    ["hashtag", "#日本"],
  ]);
});

test("words glued to a marker are not entities", () => {
  assert.deepEqual(seen("a@bc no#tag x$USD and/or /usr/bin #123 @ab $usd"), []);
});

test("offsets are UTF-16 code units: an emoji before an entity counts two", () => {
  const text = "😀 @alice";
  assert.deepEqual(detectEntities(text), [{ type: "mention", offset: 3, length: 6 }]);
  const flag = "🇫🇷🇫🇷 #paris";
  assert.deepEqual(detectEntities(flag), [{ type: "hashtag", offset: 9, length: 6 }]);
});

test("URLs: with a scheme, bare domains with a real TLD, punctuation at the end left out", () => {
  assert.deepEqual(seen("See https://example.com/a?b=1."), [["url", "https://example.com/a?b=1"]]);
  assert.deepEqual(seen("go to example.com, or www.test.org/path!"), [
    ["url", "example.com"],
    ["url", "www.test.org/path"],
  ]);
  assert.deepEqual(seen("(see https://en.wikipedia.org/wiki/Foo_(bar))"), [["url", "https://en.wikipedia.org/wiki/Foo_(bar)"]]);
  assert.deepEqual(seen("(https://example.com)"), [["url", "https://example.com"]]);
  assert.deepEqual(seen("open file.txt or v1.final"), []);
  assert.deepEqual(seen("https:// alone"), []);
});

test("an email is one email, not also a mention or a URL", () => {
  assert.deepEqual(seen("write to bob.smith@example.co.uk!"), [["email", "bob.smith@example.co.uk"]]);
  assert.deepEqual(seen("x@y.com @carol"), [
    ["email", "x@y.com"],
    ["mention", "@carol"],
  ]);
});

test("a command or mention inside a URL is part of the URL", () => {
  assert.deepEqual(seen("https://example.com/start/@bob #a"), [
    ["url", "https://example.com/start/@bob"],
    ["hashtag", "#a"],
  ]);
});

test("phone numbers start with + and hold 7 to 15 digits", () => {
  assert.deepEqual(seen("call +1-212-555-0123 or +44 20 7946 0958"), [
    ["phone_number", "+1-212-555-0123"],
    ["phone_number", "+44 20 7946 0958"],
  ]);
  assert.deepEqual(seen("+12 and 1+2=3"), []);
});

test("entities never overlap, come in text order, and are bounded", () => {
  const many = Array.from({ length: 300 }, (_, i) => `#t${i}`).join(" ");
  const found = detectEntities(many);
  assert.equal(found.length, MAX_DETECTED);
  for (let i = 1; i < found.length; i++) assert.ok(found[i]!.offset >= found[i - 1]!.offset + found[i - 1]!.length);
});

test("a bare domain opens over http", () => {
  assert.equal(urlTarget("example.com"), "http://example.com");
  assert.equal(urlTarget("https://example.com"), "https://example.com");
});
