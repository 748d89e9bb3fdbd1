import { test } from "node:test";
import assert from "node:assert/strict";
import { dataCheckString, loginKeyOf, signedLoginUrl, verifyLogin } from "./login-url.ts";

/** Telegram's check, written out as a bot's documentation gives it, independently of the module. */
async function telegramCheck(params: URLSearchParams, token: string): Promise<boolean> {
  const enc = new TextEncoder();
  const secret = await crypto.subtle.digest("SHA-256", enc.encode(token));
  const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const lines = [...params.entries()].filter(([k]) => k !== "hash").map(([k, v]) => `${k}=${v}`).sort();
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(lines.join("\n"))));
  const hex = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
  return hex === params.get("hash");
}

const token = "1000007:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

test("the data-check-string is every field but hash, sorted, one per line", () => {
  assert.equal(dataCheckString({ username: "alice", id: "7", hash: "x", auth_date: "100", first_name: "Alice" }), "auth_date=100\nfirst_name=Alice\nid=7\nusername=alice");
});

test("the signed URL carries the user's fields and a hash the bot verifies with its token", async () => {
  const url = await signedLoginUrl("https://shop.example/login?next=%2Fcart", { id: 1000002, firstName: "Alice Smith", username: "alice" }, 1_700_000_000, await loginKeyOf(token));
  const u = new URL(url);
  assert.equal(u.origin + u.pathname, "https://shop.example/login");
  assert.equal(u.searchParams.get("next"), "/cart");
  assert.equal(u.searchParams.get("id"), "1000002");
  assert.equal(u.searchParams.get("first_name"), "Alice Smith");
  assert.equal(u.searchParams.get("username"), "alice");
  assert.equal(u.searchParams.get("auth_date"), "1700000000");
  assert.match(u.searchParams.get("hash") ?? "", /^[0-9a-f]{64}$/);
  // The site's own parameter is not signed; the check covers the login fields.
  const login = new URLSearchParams([...u.searchParams].filter(([k]) => k !== "next"));
  assert.equal(await telegramCheck(login, token), true);
  assert.equal(await verifyLogin(Object.fromEntries(login), token), true);
});

test("another token, or a changed field, fails the check", async () => {
  const url = new URL(await signedLoginUrl("https://a.example/", { id: 5, firstName: "Bob" }, 1, await loginKeyOf(token)));
  assert.equal(await telegramCheck(url.searchParams, "1000007:another-secret-entirely-xx"), false);
  url.searchParams.set("id", "6");
  assert.equal(await telegramCheck(url.searchParams, token), false);
});
