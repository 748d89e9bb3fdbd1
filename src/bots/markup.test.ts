import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMarkup } from "./markup.ts";

test("HTML: tags become entities with UTF-16 offsets; entities are decoded", () => {
  const r = parseMarkup('<b>bold</b> &amp; <i>it<u>al</u></i> <a href="https://x.io/?a=1&amp;b=2">link</a> 😀<code>c</code>', "HTML");
  assert.deepEqual(r, {
    ok: true,
    text: "bold & ital link 😀c",
    entities: [
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 7, length: 4 },
      { type: "underline", offset: 9, length: 2 },
      { type: "text_link", offset: 12, length: 4, url: "https://x.io/?a=1&b=2" },
      { type: "code", offset: 19, length: 1 },
    ],
  });
});

test("HTML: pre with a language, spoilers", () => {
  const r = parseMarkup('<pre><code class="language-ts">let x</code></pre><tg-spoiler>s</tg-spoiler>', "html");
  assert.deepEqual(r.ok && r.entities, [
    { type: "pre", offset: 0, length: 5, language: "ts" },
    { type: "spoiler", offset: 5, length: 1 },
  ]);
});

test("HTML: unknown, unclosed and stray tags are refused with a reason", () => {
  for (const bad of ["<script>x</script>", "<b>open", "a < b", "<b><i>x</b></i>", "<a>no href</a>"]) {
    const r = parseMarkup(bad, "HTML");
    assert.equal(r.ok, false, bad);
    assert.match(!r.ok ? r.reason : "", /^can't parse entities: /);
  }
});

test("MarkdownV2: markers, nesting, links, code and escapes", () => {
  const r = parseMarkup("*bold _both_* __under__ ~gone~ ||hid|| [site](https://a.b/c\\)d) `co\\`de` \\. ok\\!", "MarkdownV2");
  assert.deepEqual(r, {
    ok: true,
    text: "bold both under gone hid site co`de . ok!",
    entities: [
      { type: "bold", offset: 0, length: 9 },
      { type: "italic", offset: 5, length: 4 },
      { type: "underline", offset: 10, length: 5 },
      { type: "strikethrough", offset: 16, length: 4 },
      { type: "spoiler", offset: 21, length: 3 },
      { type: "text_link", offset: 25, length: 4, url: "https://a.b/c)d" },
      { type: "code", offset: 30, length: 5 },
    ],
  });
});

test("MarkdownV2: pre blocks take a language", () => {
  const r = parseMarkup("```python\nprint(1)\n```", "MarkdownV2");
  assert.deepEqual(r.ok && { text: r.text, entities: r.entities }, {
    text: "print(1)\n",
    entities: [{ type: "pre", offset: 0, length: 9, language: "python" }],
  });
});

test("MarkdownV2: reserved characters must be escaped, entities closed", () => {
  assert.match((parseMarkup("Hello.", "MarkdownV2") as { reason: string }).reason, /character '\.' is reserved/);
  assert.match((parseMarkup("*open", "MarkdownV2") as { reason: string }).reason, /can't find end of bold/);
  assert.equal(parseMarkup("plain *text*", undefined).ok, true);
  assert.equal(parseMarkup("x", "Klingon").ok, false);
});
