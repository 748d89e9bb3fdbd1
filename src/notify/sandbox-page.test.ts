// The sandbox outbox's query and page (issue 10 point 1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { groupByUser, parseOutboxQuery, renderSandboxPage, type OutboxItem } from "./sandbox-page.ts";

test("the outbox query: channel and userId optional, empty ones ignored, bad ones 400", () => {
  assert.deepEqual(parseOutboxQuery({}), {});
  assert.deepEqual(parseOutboxQuery({ channel: "", userId: "" }), {});
  assert.deepEqual(parseOutboxQuery({ channel: "sms", userId: "12" }), { channel: "sms", userId: 12 });
  assert.deepEqual(parseOutboxQuery({ other: "x" }), {});
  const bads: Record<string, string>[] = [{ channel: "in_app" }, { channel: "SMS" }, { userId: "0" }, { userId: "-1" }, { userId: "1e3" }, { userId: "x" }];
  for (const bad of bads) {
    assert.throws(() => parseOutboxQuery(bad), (e: any) => e.status === 400, JSON.stringify(bad));
  }
});

const item = (id: number, user: number | null, extra: Partial<OutboxItem> = {}): OutboxItem => ({ id, channel: "sms", to: "+447400123456", user, text: `message ${id}`, at: 1_700_000_000_000 + id, ...extra });

test("items are grouped by user, groups in the order of their newest item", () => {
  const groups = groupByUser([item(5, 2), item(4, 1), item(3, 2), item(2, null)]);
  assert.deepEqual(groups.map((g) => [g.user, g.items.map((i) => i.id)]), [[2, [5, 3]], [1, [4]], [null, [2]]]);
});

test("the page escapes everything, links only web links, shows codes, refreshes itself", () => {
  const html = renderSandboxPage(
    [item(3, 1, { channel: "email", to: "a@b.example", text: "<script>x</script>", link: "https://sb.example/r/t?a=1&b=2" }), item(2, 1, { code: "123456" }), item(1, 9, { link: "javascript:alert(1)" })],
    new Map([[1, { handle: "ann", displayName: "Ann <A>" }]]),
  );
  assert.ok(!html.includes("<script>"));
  assert.ok(html.includes("&lt;script&gt;x&lt;/script&gt;"));
  assert.ok(html.includes("Ann &lt;A&gt; (@ann, user 1)"));
  assert.ok(html.includes("User 9"));
  assert.ok(html.includes('<a href="https://sb.example/r/t?a=1&amp;b=2">'));
  assert.ok(!html.includes('href="javascript'));
  assert.ok(html.includes('<strong class="code">123456</strong>'));
  assert.match(html, /<meta http-equiv="refresh" content="3">/);
  assert.ok(renderSandboxPage([], new Map()).includes("Nothing sent yet."));
});
