import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { appPolicy, dataPolicy, securityHeaders } from "./security-headers.ts";

test("the page gets the app's policy; everything else is sandboxed data", () => {
  assert.equal(securityHeaders("text/html; charset=utf-8")["Content-Security-Policy"], appPolicy);
  for (const type of ["application/json", "image/png", "application/octet-stream", null]) {
    const h = securityHeaders(type);
    assert.equal(h["Content-Security-Policy"], dataPolicy, String(type));
    assert.equal(h["X-Content-Type-Options"], "nosniff");
    assert.equal(h["X-Frame-Options"], "DENY");
  }
});

test("the app's policy allows nothing inline, and no framing", () => {
  assert.doesNotMatch(appPolicy, /unsafe-inline|unsafe-eval|\*/);
  assert.match(appPolicy, /frame-ancestors 'none'/);
  assert.match(dataPolicy, /frame-ancestors 'none'/);
});

test("web/public/_headers gives static assets the same headers as the Worker gives the page", () => {
  const file = readFileSync(new URL("../../web/public/_headers", import.meta.url), "utf8");
  const lines = file.split("\n").filter((l) => l.trim() && !l.trimStart().startsWith("#"));
  assert.equal(lines[0], "/*");
  const headers = Object.fromEntries(lines.slice(1).map((l) => {
    const i = l.indexOf(":");
    return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  }));
  assert.deepEqual(headers, securityHeaders("text/html"));
});
