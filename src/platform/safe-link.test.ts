import { test } from "node:test";
import assert from "node:assert/strict";
import { isSafeLink } from "./safe-link.ts";

test("links to the web, Telegram and mail are kept", () => {
  for (const url of ["https://example.com/a?b=c#d", "http://example.com", "HTTPS://EXAMPLE.COM", "tg://resolve?domain=x", "mailto:a@example.com"]) {
    assert.equal(isSafeLink(url), true, url);
  }
});

test("script, data and other schemes are refused, however they are disguised", () => {
  const bad = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    " javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "javascript\u0000:alert(1)",
    "\ufeffjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://example.com/x",
    "ht\ttps://example.com",
    "https://exa mple.com",
    "/relative/path",
    "//example.com/protocol-relative",
    "",
    `https://example.com/${"a".repeat(3000)}`,
  ];
  for (const url of bad) assert.equal(isSafeLink(url), false, JSON.stringify(url));
});
