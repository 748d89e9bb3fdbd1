// What a walkthrough of the web app found, at laptop (1280x800) and phone (390x844) sizes:
// dialogs fit the window and scroll inside; a bubble's React/Pin toolbar sits above its text,
// hides when the pointer or tap leaves and is reachable by keyboard; the list stays at the
// bottom when the last message grows; the photo viewer covers the window, closes on Escape
// and steps through an album; the directory says Open for a started bot; the inline
// placeholder has a visible label; a group message "via @bot" names its sender.
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SHOTS, startWorld, type World } from "./harness.ts";
import { png } from "../png.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-walkthrough-");
});

afterAll(async () => {
  await world?.stop();
});

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The client API as the holder of `token` (GET without a body, else POST): its JSON. */
async function api(path: string, token: string, body?: unknown, method?: string): Promise<any> {
  const r = await fetch(`${world.url}${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return r.json();
}

/** A Bot API call as the bot would make it: its result; a refusal throws. */
async function botApi(token: string, method: string, params: Record<string, unknown> = {}): Promise<any> {
  const r = (await (await fetch(`${world.url}/bot${token}/${method}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(params) })).json()) as any;
  if (!r.ok) throw new Error(`${method}: ${r.description}`);
  return r.result;
}

const byId = (page: Page, id: number | string) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Asserts the element is wholly inside the window. */
async function inWindow(page: Page, el: Locator) {
  const box = (await el.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(height + 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
}

/** A new bot of `owner`'s: its id and token. */
async function makeBot(ownerToken: string, username: string, extra: Record<string, unknown> = {}) {
  const created = await api("/api/v1/bots", ownerToken, { username, name: username.replace(/_?bot$/, " Bot"), ...extra });
  if (!created.token) throw new Error(`createBot: ${JSON.stringify(created)}`);
  return { id: created.bot.id as number, token: created.token as string };
}

async function groupId(): Promise<number> {
  const chats = await api("/api/v1/chats", world.users.alice.token);
  return chats.chats.find((c: any) => c.type === "group").id;
}

const opacity = (el: Locator) => el.evaluate((e) => getComputedStyle(e).opacity);

/** How far the message list is from its bottom, in pixels. */
const fromBottom = (page: Page) => page.getByTestId("message-list").evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

describe("dialogs fit the window", () => {
  test("laptop: the Developer page with four bots scrolls inside; every dialog stays in the window", async () => {
    const { alice } = world.users;
    for (const n of [1, 2, 3, 4]) await makeBot(alice.token, `fit${n}_walk_bot`);
    const page = await world.newPage(LAPTOP);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId("developer-button").click();
    const dialog = page.getByTestId("developer-panel");
    await expect.poll(() => dialog.getByTestId("my-bot").count()).toBe(4);
    await inWindow(page, dialog);
    // The last bot's controls are reached by scrolling the dialog, and work.
    const last = dialog.getByTestId("my-bot").last();
    await last.getByTestId("rotate-token").scrollIntoViewIfNeeded();
    await inWindow(page, last.getByTestId("rotate-token"));
    await inWindow(page, last.getByTestId("privacy-toggle"));
    await last.getByTestId("rotate-token").click();
    await last.getByTestId("rotate-confirm").waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    for (const [button, testid] of [
      ["bots-button", "bot-directory"],
      ["friends-button", "friends-panel"],
      ["new-group-button", "new-group-dialog"],
    ] as const) {
      await page.getByTestId(button).click();
      await page.getByTestId(testid).waitFor();
      await inWindow(page, page.getByTestId(testid));
      await page.keyboard.press("Escape");
      await page.getByTestId(testid).waitFor({ state: "detached" });
    }
    expect(world.pageErrors).toEqual([]);
  });

  test("phone: with one bot, its Privacy mode and Rotate token row can be reached", async () => {
    const { bob } = world.users;
    await makeBot(bob.token, "phone_walk_bot");
    const page = await world.newPage(PHONE, true);
    await world.logIn(page, "bob", "bob-demo-pass");
    await page.getByTestId("developer-button").click();
    const dialog = page.getByTestId("developer-panel");
    await dialog.getByTestId("my-bot").waitFor();
    await inWindow(page, dialog);
    const rotate = dialog.getByTestId("rotate-token");
    await rotate.scrollIntoViewIfNeeded();
    await inWindow(page, rotate);
    await inWindow(page, dialog.getByTestId("privacy-toggle"));
    await page.screenshot({ path: join(SHOTS, "walkthrough-developer-phone.png") });
    await rotate.tap();
    await dialog.getByTestId("rotate-confirm").waitFor();
    expect(world.pageErrors).toEqual([]);
  });
});

describe("a bubble's React/Pin toolbar", () => {
  test("laptop: above the text (a short message, a poll's question), gone when the pointer leaves, and reachable by keyboard", async () => {
    const { alice, bob } = world.users;
    const group = await groupId();
    const hi = (await api(`/api/v1/chats/${group}/messages`, bob.token, { text: "Hi" })).message.id as number;
    const bot = await makeBot(alice.token, "toolbar_walk_bot");
    await api("/api/v1/bots/toolbar_walk_bot/start", alice.token, {});
    const poll = await botApi(bot.token, "sendPoll", { chat_id: alice.user.id, question: "Which tea?", options: ["Green", "Black"] });

    const page = await world.newPage(LAPTOP);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${group}`).click();
    const bubble = byId(page, hi);
    await bubble.waitFor();
    const actions = bubble.getByTestId("message-actions");
    expect(await opacity(actions)).toBe("0");
    await bubble.hover();
    await expect.poll(() => opacity(actions)).toBe("1");
    expect(overlaps((await actions.boundingBox())!, (await bubble.locator(".text").boundingBox())!)).toBe(false);
    await page.getByTestId("chat-title").hover();
    await expect.poll(() => opacity(actions)).toBe("0");

    // Keyboard: back from the composer into the last bubble's toolbar, React, pick with Enter.
    await page.getByTestId("composer-input").click();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Shift+Tab");
      if ((await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)) === "react-button") break;
    }
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="message"]')?.getAttribute("data-message-id"))).toBe(String(hi));
    await expect.poll(() => opacity(actions)).toBe("1");
    await page.keyboard.press("Enter");
    await bubble.getByTestId("reaction-picker").waitFor();
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.emoji);
    await expect.poll(focused).toBe("👍"); // the picker opens on its first emoji (focus moves after it renders)
    await page.keyboard.press("ArrowRight");
    await expect.poll(focused).toBe("❤");
    await page.keyboard.press("Enter");
    await expect.poll(() => bubble.getByTestId("reaction").getAttribute("data-emoji")).toBe("❤");
    expect(await bubble.getByTestId("reaction").getAttribute("data-mine")).toBe("true");

    // A poll: the toolbar leaves its question readable.
    await page.getByTestId(`chat-${bot.id}`).click();
    const pollBubble = byId(page, poll.message_id);
    await pollBubble.getByTestId("poll").waitFor();
    await pollBubble.hover();
    const pollActions = pollBubble.getByTestId("message-actions");
    await expect.poll(() => opacity(pollActions)).toBe("1");
    expect(overlaps((await pollActions.boundingBox())!, (await pollBubble.locator(".poll-question").boundingBox())!)).toBe(false);
    await page.screenshot({ path: join(SHOTS, "walkthrough-toolbar-laptop.png") });
    expect(world.pageErrors).toEqual([]);
  });

  test("phone: a tap shows it above the text; a tap elsewhere, or a reaction picked, hides it", async () => {
    const { bob } = world.users;
    const group = await groupId();
    const id = (await api(`/api/v1/chats/${group}/messages`, bob.token, { text: "Yo" })).message.id as number;
    const page = await world.newPage(PHONE, true);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${group}`).tap();
    const bubble = byId(page, id);
    await bubble.waitFor();
    const actions = bubble.getByTestId("message-actions");
    await bubble.locator(".text").tap();
    await expect.poll(() => opacity(actions)).toBe("1");
    expect(overlaps((await actions.boundingBox())!, (await bubble.locator(".text").boundingBox())!)).toBe(false);
    await page.getByTestId("chat-title").tap();
    await expect.poll(() => opacity(actions)).toBe("0");

    await bubble.locator(".text").tap();
    await expect.poll(() => opacity(actions)).toBe("1");
    await bubble.getByTestId("react-button").tap();
    await page.screenshot({ path: join(SHOTS, "walkthrough-picker-phone.png") });
    await bubble.locator('[data-testid="picker-emoji"][data-emoji="🔥"]').tap();
    await expect.poll(() => bubble.getByTestId("reaction").getAttribute("data-emoji")).toBe("🔥");
    await expect.poll(() => opacity(actions)).toBe("0");
    expect(world.pageErrors).toEqual([]);
  });
});

describe("the list stays at the bottom", () => {
  test("reacting to the last message, and its sender editing it longer, keep the newest line above the composer", async () => {
    const { alice, bob } = world.users;
    let last = 0;
    for (let i = 1; i <= 24; i++) last = (await api(`/api/v1/chats/${alice.user.id}/messages`, bob.token, { text: `Line ${i}` })).message.id;
    const page = await world.newPage(LAPTOP);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${bob.user.id}`).click();
    const bubble = byId(page, last);
    await bubble.waitFor();
    await expect.poll(() => fromBottom(page)).toBeLessThan(2);
    expect(await page.getByTestId("message-list").evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);

    await bubble.hover();
    await bubble.getByTestId("react-button").click();
    await bubble.locator('[data-testid="picker-emoji"][data-emoji="🎉"]').click();
    const chip = bubble.getByTestId("reaction");
    await chip.waitFor();
    await expect.poll(() => fromBottom(page)).toBeLessThan(2);
    const composer = (await page.getByTestId("composer-input").boundingBox())!;
    expect((await chip.boundingBox())!.y + (await chip.boundingBox())!.height).toBeLessThan(composer.y);

    // Bob makes it longer: still at the bottom.
    await api(`/api/v1/chats/${alice.user.id}/messages/${last}`, bob.token, { text: "Line 24\nand\nthree\nmore lines" }, "PATCH");
    await expect.poll(() => bubble.textContent()).toContain("more lines");
    await expect.poll(() => fromBottom(page)).toBeLessThan(2);
    expect(world.pageErrors).toEqual([]);
  });
});

describe("the photo viewer", () => {
  async function albumChat(username: string) {
    const { alice } = world.users;
    const bot = await makeBot(alice.token, username);
    await api(`/api/v1/bots/${username}/start`, alice.token, {});
    const form = new FormData();
    form.set("chat_id", String(alice.user.id));
    form.set("media", JSON.stringify(["a", "b", "c"].map((k) => ({ type: "photo", media: `attach://${k}` }))));
    const sizes = { a: [400, 300], b: [300, 400], c: [350, 350] } as const;
    for (const [k, [w, h]] of Object.entries(sizes)) form.set(k, new Blob([new Uint8Array(png(w, h, w))], { type: "image/png" }), `${k}.png`);
    const r = (await (await fetch(`${world.url}/bot${bot.token}/sendMediaGroup`, { method: "POST", body: form })).json()) as any;
    if (!r.ok) throw new Error(r.description);
    return bot.id;
  }
  const shown = (page: Page) =>
    page.evaluate(() => {
      const img = document.querySelector('[data-testid="lightbox-image"]') as HTMLImageElement | null;
      return img && img.complete && img.naturalWidth ? `${img.naturalWidth}x${img.naturalHeight}` : null;
    });

  test("laptop: it covers the whole window, steps through the album with the arrow keys and closes on Escape", async () => {
    const botId = await albumChat("album_walk_bot");
    const page = await world.newPage(LAPTOP);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${botId}`).click();
    const album = page.getByTestId("album");
    await album.waitFor();
    await album.getByTestId("message-image").nth(1).click();
    const box = page.getByTestId("lightbox");
    await box.waitFor();
    expect(await box.boundingBox()).toEqual({ x: 0, y: 0, width: LAPTOP.width, height: LAPTOP.height });
    // The sidebar is under it too.
    expect(await page.evaluate(() => !!document.elementFromPoint(100, 400)?.closest('[data-testid="lightbox"]'))).toBe(true);
    await expect.poll(() => shown(page)).toBe("300x400");
    expect(await box.getByTestId("lightbox-count").textContent()).toBe("2 / 3");
    await page.screenshot({ path: join(SHOTS, "walkthrough-viewer-laptop.png") });
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => shown(page)).toBe("350x350");
    await page.keyboard.press("ArrowRight"); // the last stays
    expect(await box.getAttribute("data-index")).toBe("2");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => shown(page)).toBe("400x300");
    await box.getByTestId("lightbox-next").click();
    await expect.poll(() => shown(page)).toBe("300x400");
    await page.keyboard.press("Escape");
    await box.waitFor({ state: "detached" });
    expect(world.pageErrors).toEqual([]);
  });

  test("phone: the buttons step, the close button closes", async () => {
    const botId = await albumChat("album_phone_walk_bot");
    const page = await world.newPage(PHONE, true);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${botId}`).tap();
    const album = page.getByTestId("album");
    await album.waitFor();
    await album.getByTestId("message-image").first().tap();
    const box = page.getByTestId("lightbox");
    await box.waitFor();
    expect(await box.boundingBox()).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    await expect.poll(() => shown(page)).toBe("400x300");
    await box.getByTestId("lightbox-next").tap();
    await expect.poll(() => shown(page)).toBe("300x400");
    await box.getByTestId("lightbox-prev").tap();
    await expect.poll(() => shown(page)).toBe("400x300");
    await box.getByTestId("lightbox-close").tap();
    await box.waitFor({ state: "detached" });
    expect(world.pageErrors).toEqual([]);
  });
});

describe("bots", () => {
  test("the directory says Open for a bot Carol has started, and opens its chat without another /start", async () => {
    const { alice, carol } = world.users;
    const started = await makeBot(alice.token, "opened_walk_bot", { description: "Already started" });
    await makeBot(alice.token, "fresh_walk_bot", { description: "Not started" });
    await api("/api/v1/bots/opened_walk_bot/start", carol.token, {});
    for (const size of [LAPTOP, PHONE]) {
      const page = await world.newPage(size, size === PHONE);
      await world.logIn(page, "carol", "carol-demo-pass");
      await page.getByTestId("bots-button").click();
      await page.getByTestId("bot-search").fill("walk_bot");
      const opened = page.locator('[data-testid="bot-result"][data-username="opened_walk_bot"]');
      const fresh = page.locator('[data-testid="bot-result"][data-username="fresh_walk_bot"]');
      await opened.waitFor();
      await fresh.waitFor();
      expect(await opened.getByTestId("start-bot").count()).toBe(0);
      expect(await opened.getByTestId("open-bot").textContent()).toBe("Open");
      expect(await fresh.getByTestId("start-bot").textContent()).toBe("Start");
      await opened.getByTestId("open-bot").click();
      await page.getByTestId("bot-directory").waitFor({ state: "detached" });
      await expect.poll(() => page.getByTestId("chat-view").getAttribute("data-chat-id")).toBe(String(started.id));
    }
    const history = await api(`/api/v1/chats/${started.id}/messages`, carol.token);
    expect(history.messages.filter((m: any) => m.text === "/start")).toHaveLength(1);
    expect(world.pageErrors).toEqual([]);
  });

  test("the inline placeholder field on the Developer page has a visible label", async () => {
    const { alice } = world.users;
    await makeBot(alice.token, "label_walk_bot");
    await api("/api/v1/bots/label_walk_bot", alice.token, { inline: { enabled: true, placeholder: "Find a tea" } }, "PATCH");
    const page = await world.newPage(PHONE, true);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId("developer-button").click();
    const card = page.locator('[data-testid="my-bot"][data-username="label_walk_bot"]');
    const field = card.getByTestId("inline-placeholder");
    await field.scrollIntoViewIfNeeded();
    expect(await field.inputValue()).toBe("Find a tea");
    // Its name is text on screen, not a hidden aria-label.
    expect(await field.getAttribute("aria-label")).toBeNull();
    const label = card.getByText("Placeholder people see after “@label_walk_bot ”");
    expect(await label.isVisible()).toBe(true);
    expect(await card.getByLabel("Placeholder people see after").getAttribute("data-testid")).toBe("inline-placeholder");
    expect(world.pageErrors).toEqual([]);
  });

  test("in a group, a message via @bot under its sender's last one names the sender", async () => {
    const { alice, bob } = world.users;
    const bot = await makeBot(alice.token, "via_walk_bot");
    await api("/api/v1/bots/via_walk_bot", alice.token, { inline: { enabled: true } }, "PATCH");
    const group = await groupId();
    await api(`/api/v1/chats/${group}/messages`, bob.token, { text: "Look at this" });
    const asked = api("/api/v1/inline/query", bob.token, { bot: "via_walk_bot", chatId: group, query: "tea" });
    let query: any;
    for (let i = 0; i < 50 && !query; i++) query = (await botApi(bot.token, "getUpdates", { timeout: 1 })).find((u: any) => u.inline_query)?.inline_query;
    await botApi(bot.token, "answerInlineQuery", { inline_query_id: query.id, results: [{ type: "article", id: "t", title: "Tea", input_message_content: { message_text: "Tea time" } }] });
    const { queryId } = await asked;
    const sent = await api("/api/v1/inline/choose", bob.token, { botId: bot.id, queryId, resultId: "t", chatId: group });
    const id = sent.message.id as number;

    const page = await world.newPage(LAPTOP);
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${group}`).click();
    const bubble = byId(page, id);
    await bubble.waitFor();
    const sender = bubble.locator(".sender");
    expect(await sender.textContent()).toBe(`${bob.user.displayName} via @via_walk_bot`);
    expect(world.pageErrors).toEqual([]);
  });
});
