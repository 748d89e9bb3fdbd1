// Inline mode in the web app end to end: real `wrangler dev`, real Chromium, and a bot in
// this process answering inline queries over the Bot API. The owner turns inline mode on in
// the Developer page; alice types "@somebot cats" in her chat with bob, sees the results
// (a thumbnail the platform fetched from a server here), picks one, and both see it
// "via @somebot"; the message's switch_inline_query_current_chat and copy_text buttons work,
// and a switch_inline_query button asks which chat first.
import { createHash, createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bubbles, startWorld, type World } from "./harness.ts";
import { png } from "../png.ts";

const BOT = "somebot";

let world: World;
let token = "";
let images: Server;
let imageBase = "";
let stop = false;
let polling: Promise<void> | null = null;
/** What the bot saw, for the test to check. */
const seen: { queries: string[]; chosen: string[] } = { queries: [], chosen: [] };

async function api(method: string, params: Record<string, unknown> = {}): Promise<any> {
  const r = await fetch(`${world.url}/bot${token}/${method}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(params) });
  return r.json();
}

/** The bot: cats and dogs as articles (with thumbnails from the image server), nothing for "silence". */
function answerFor(query: string) {
  if (query === "silence") return null;
  const thumb = `${imageBase}/thumb.png`;
  if (query === "photo") {
    return [{ type: "photo", id: "pic", photo_url: `${imageBase}/cat.png`, thumbnail_url: thumb, title: "A photo", caption: "A cat picture" }];
  }
  if (query.startsWith("dog")) {
    return [{ type: "article", id: "rex", title: "Rex the dog", description: "Good boy", input_message_content: { message_text: "Rex says woof" }, thumbnail_url: thumb }];
  }
  return [
    {
      type: "article",
      id: "tabby",
      title: "Tabby",
      description: "Striped and proud",
      thumbnail_url: thumb,
      input_message_content: { message_text: "<b>Tabby</b> says meow", parse_mode: "HTML" },
      reply_markup: {
        inline_keyboard: [
          [
            { text: "More dogs", switch_inline_query_current_chat: "dogs" },
            { text: "Copy code", copy_text: { text: "CAT-42" } },
          ],
          [{ text: "Share elsewhere", switch_inline_query: "cats" }],
        ],
      },
    },
    { type: "article", id: "siamese", title: "Siamese", description: "Talkative", input_message_content: { message_text: "Siamese" } },
  ];
}

async function runBot() {
  let offset = 0;
  await api("getUpdates", { offset: -1, timeout: 0, allowed_updates: ["message", "inline_query", "chosen_inline_result"] });
  while (!stop) {
    const r = await api("getUpdates", { offset, timeout: 1 }).catch(() => ({ ok: false }));
    if (!r.ok) continue;
    for (const u of r.result) {
      offset = u.update_id + 1;
      if (u.inline_query) {
        seen.queries.push(u.inline_query.query);
        const results = answerFor(u.inline_query.query);
        if (results) await api("answerInlineQuery", { inline_query_id: u.inline_query.id, results, cache_time: 0 });
      }
      if (u.chosen_inline_result) seen.chosen.push(u.chosen_inline_result.result_id);
    }
  }
}

beforeAll(async () => {
  world = await startWorld("switchboard-inline-");
  images = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "image/png" });
    res.end(png(2, 2));
  });
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  // The platform fetches thumbnails itself; running locally it may call plain http on loopback.
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  const created = await fetch(`${world.url}/api/v1/bots`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${world.users.alice.token}` },
    body: JSON.stringify({ username: BOT, name: "Some Bot" }),
  });
  token = ((await created.json()) as { token: string }).token;
});

afterAll(async () => {
  stop = true;
  await polling?.catch(() => {});
  images?.close();
  await world?.stop();
});

async function openChat(page: Page, chatId: number) {
  await page.goto(`${world.url}/#/chat/${chatId}`);
  await page.getByTestId("composer-input").waitFor();
}

describe("inline mode in the web app", () => {
  let alice: Page;
  let bob: Page;

  test("the owner turns inline mode on in the Developer page, with a placeholder", async () => {
    alice = await world.newPage({ width: 1280, height: 860 });
    await alice.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: world.url });
    await world.logIn(alice, "alice", "alice-demo-pass");
    expect((await api("getMe")).result.supports_inline_queries).toBe(false);
    await alice.getByTestId("developer-button").click();
    const card = alice.locator(`[data-testid="my-bot"][data-username="${BOT}"]`);
    await card.getByTestId("inline-toggle").check();
    await expect.poll(() => card.getByTestId("inline-setting").getAttribute("data-enabled")).toBe("true");
    await card.getByTestId("inline-placeholder").fill("Search cats and dogs");
    await card.getByTestId("inline-save").click();
    await expect.poll(() => card.getByTestId("inline-save").isDisabled()).toBe(true);
    expect((await api("getMe")).result.supports_inline_queries).toBe(true);
    await alice.getByTestId("modal-close").click();
    polling = runBot();
  });

  test("alice types '@somebot cats' in her chat with bob, sees the results and picks one; it shows 'via @somebot' to both", async () => {
    bob = await world.newPage({ width: 1280, height: 860 });
    await world.logIn(bob, "bob", "bob-demo-pass");
    await openChat(bob, world.users.alice.user.id);
    await openChat(alice, world.users.bob.user.id);

    await alice.getByTestId("composer-input").fill(`@${BOT} cats`);
    const panel = alice.getByTestId("inline-results");
    await expect.poll(() => panel.getByTestId("inline-result").count()).toBe(2);
    expect(await panel.getByTestId("inline-result").first().textContent()).toContain("Tabby");
    expect(await panel.getByTestId("inline-result").first().textContent()).toContain("Striped and proud");
    // The thumbnail came through the platform, shown from an object URL.
    await expect.poll(() => panel.getByTestId("inline-thumbnail").first().getAttribute("src")).toMatch(/^blob:/);
    expect(await panel.getByTestId("inline-thumbnail").first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);

    await panel.locator('[data-testid="inline-result"][data-result-id="tabby"]').click();
    await expect.poll(() => alice.getByTestId("inline-results").count()).toBe(0);
    expect(await alice.getByTestId("composer-input").inputValue()).toBe("");
    const mine = bubbles(alice).filter({ hasText: "Tabby says meow" });
    await expect.poll(() => mine.getByTestId("via-bot").textContent()).toContain(`via @${BOT}`);
    const theirs = bubbles(bob).filter({ hasText: "Tabby says meow" });
    await expect.poll(() => theirs.getByTestId("via-bot").textContent()).toContain(`via @${BOT}`);
    expect(await theirs.locator("b, strong").first().textContent()).toBe("Tabby");
    await expect.poll(() => seen.chosen).toContain("tabby");
    expect(seen.queries).toContain("cats");
  });

  test("the message's copy_text button copies; switch_inline_query_current_chat puts '@somebot dogs' in the composer", async () => {
    const keyboard = alice.locator('[data-testid="inline-keyboard"]').last();
    await keyboard.locator('[data-kind="copy_text"]').click();
    await expect.poll(() => alice.getByTestId("notice").textContent()).toBe("Copied to clipboard");
    expect(await alice.evaluate(() => navigator.clipboard.readText())).toBe("CAT-42");

    await keyboard.locator('[data-kind="switch_inline_query_current_chat"]').click();
    await expect.poll(() => alice.getByTestId("composer-input").inputValue()).toBe(`@${BOT} dogs`);
    const panel = alice.getByTestId("inline-results");
    await expect.poll(() => panel.getByTestId("inline-result").first().textContent()).toContain("Rex the dog");
    await alice.getByTestId("composer-input").fill("");
    await expect.poll(() => alice.getByTestId("inline-results").count()).toBe(0);
  });

  test("switch_inline_query asks which chat, then opens it with '@somebot cats' in the composer", async () => {
    const keyboard = alice.locator('[data-testid="inline-keyboard"]').last();
    await keyboard.locator('[data-kind="switch_inline_query"]').click();
    const picker = alice.getByTestId("chat-picker");
    await picker.waitFor();
    const group = picker.getByTestId("chat-picker-item").filter({ hasText: "Tea Party" });
    const groupId = Number(await group.getAttribute("data-chat-id"));
    await group.click();
    await expect.poll(() => alice.getByTestId("chat-view").getAttribute("data-chat-id")).toBe(String(groupId));
    await expect.poll(() => alice.getByTestId("composer-input").inputValue()).toBe(`@${BOT} cats`);
    await expect.poll(() => alice.getByTestId("inline-results").getByTestId("inline-result").count()).toBe(2);
    await alice.getByTestId("composer-input").fill("");
  });

  test("a photo result: the platform fetches the photo and posts it, via the bot", async () => {
    await openChat(alice, world.users.bob.user.id);
    await alice.getByTestId("composer-input").fill(`@${BOT} photo`);
    const result = alice.getByTestId("inline-results").locator('[data-testid="inline-result"][data-result-id="pic"]');
    await expect.poll(() => result.textContent()).toContain("A photo");
    await result.click();
    const posted = bubbles(alice).filter({ hasText: "A cat picture" });
    await expect.poll(() => posted.getByTestId("message-image").getAttribute("src")).toMatch(/^blob:/);
    expect(await posted.getByTestId("via-bot").textContent()).toContain(`via @${BOT}`);
    await expect.poll(() => bubbles(bob).filter({ hasText: "A cat picture" }).getByTestId("message-image").count()).toBe(1);
  });

  test("login_url asks first, then opens the site with login data the bot verifies with its token", async () => {
    const started = await fetch(`${world.url}/api/v1/bots/${BOT}/start`, { method: "POST", headers: { Authorization: `Bearer ${world.users.alice.token}` } });
    const botId = ((await started.json()) as { chat: { id: number } }).chat.id;
    await api("sendMessage", { chat_id: world.users.alice.user.id, text: "Log in to the shop", reply_markup: { inline_keyboard: [[{ text: "Log in", login_url: { url: "https://shop.example/auth" } }]] } });
    await openChat(alice, botId);
    await alice.context().route("https://shop.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<p>shop</p>" }));
    await alice.locator('[data-kind="login_url"]').last().click();
    await alice.getByTestId("login-confirm").waitFor();
    expect(await alice.getByTestId("login-host").textContent()).toBe("shop.example");
    // No: nothing opens.
    await alice.getByTestId("login-cancel").click();
    expect(await alice.getByTestId("login-confirm").count()).toBe(0);
    await alice.locator('[data-kind="login_url"]').last().click();
    const opened = alice.context().waitForEvent("page");
    await alice.getByTestId("login-ok").click();
    const site = await opened;
    await site.waitForURL(/^https:\/\/shop\.example\/auth\?/);
    const params = new URL(site.url()).searchParams;
    expect(params.get("id")).toBe(String(world.users.alice.user.id));
    expect(params.get("username")).toBe("alice");
    // Telegram's check, as the bot would make it.
    const check = [...params].filter(([k]) => k !== "hash").map(([k, v]) => `${k}=${v}`).sort().join("\n");
    const secret = createHash("sha256").update(token).digest();
    expect(createHmac("sha256", secret).update(check).digest("hex")).toBe(params.get("hash"));
    await site.close();
  });

  test("while the bot thinks the panel says so; when it never answers, it says that too", async () => {
    await alice.getByTestId("composer-input").fill(`@${BOT} silence`);
    await alice.getByTestId("inline-loading").waitFor();
    // The platform waits ~10 s for the bot; a busy machine adds to that.
    await expect.poll(() => alice.getByTestId("inline-no-answer").count(), { timeout: 40_000 }).toBe(1);
    expect(await alice.getByTestId("inline-no-answer").textContent()).toContain("did not answer");
    await alice.getByTestId("composer-input").fill("");
    // A username that is no bot with inline mode says so rather than spinning.
    await alice.getByTestId("composer-input").fill("@nosuchthingbot hi");
    await expect.poll(() => alice.getByTestId("inline-unavailable").textContent()).toContain("nosuchthingbot");
    await alice.getByTestId("composer-input").fill("");
    expect(world.pageErrors).toEqual([]);
  });
});
