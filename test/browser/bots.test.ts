// Bots in the web app end to end: real `wrangler dev`, real Chromium and a real grammY bot
// (examples/menu-bot.mjs) long-polling the platform with the token read off the Developer page.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
// @ts-expect-error plain ESM scripts without type declarations
import { createMenuBot } from "../../examples/menu-bot.mjs";
import { bubbles, byId, fillLogin, freePort, SHOTS, startWorld, type World } from "./harness.ts";

/** The slice of grammY's Bot this test drives. */
interface MenuBot {
  catch(handler: (err: { message: string }) => void): void;
  start(opts: { onStart: (me: { username: string }) => void; drop_pending_updates?: boolean }): Promise<void>;
  stop(): Promise<void>;
  api: {
    config: { use(transformer: Transformer): void };
    setMyCommands(commands: { command: string; description: string }[]): Promise<true>;
    sendMessage(chatId: number, text: string, other?: Record<string, unknown>): Promise<{ message_id: number }>;
  };
}

type ApiResult = { ok: boolean; error_code?: number; parameters?: { retry_after?: number } };
type Transformer = (prev: (method: string, payload: unknown, signal?: AbortSignal) => Promise<ApiResult>, method: string, payload: unknown, signal?: AbortSignal) => Promise<ApiResult>;

/** Waits out 429s (the platform allows a bot ~1 message/s per private chat), as grammY's auto-retry plugin does. */
const retryOn429: Transformer = async (prev, method, payload, signal) => {
  for (let attempt = 0; ; attempt++) {
    const res = await prev(method, payload, signal);
    if (res.ok || res.error_code !== 429 || attempt >= 10) return res;
    await new Promise((r) => setTimeout(r, (res.parameters?.retry_after ?? 1) * 1000 + 50));
  }
};

const BOT_USERNAME = "pizzeria_menu_bot";
const BOT_NAME = "Pizzeria Menu Bot";

let world: World;
let bot: MenuBot | null = null;
let botId = 0;

const keyboardOf = (page: Page, id: string) => page.locator(`[data-testid="inline-keyboard"][data-message-id="${id}"]`);

/** Opens the Developer page and reads the subscriber count of the bot. */
async function subscribers(page: Page): Promise<number> {
  await page.getByTestId("dev-refresh").click();
  const text = await page.locator(`[data-testid="my-bot"][data-username="${BOT_USERNAME}"]`).getByTestId("bot-subscribers").textContent();
  return Number.parseInt(text ?? "", 10);
}

beforeAll(async () => {
  world = await startWorld("switchboard-bots-");
});

afterAll(async () => {
  await bot?.stop().catch(() => {});
  await world?.stop();
});

describe("bots in the web app", () => {
  let alice: Page;
  let bob: Page;

  test("alice creates a bot on the Developer page and sees its token once; a grammY bot runs on it", async () => {
    alice = await world.newPage({ width: 1280, height: 860 });
    await world.logIn(alice, "alice", "alice-demo-pass");
    await alice.getByTestId("developer-button").click();
    await alice.getByTestId("developer-panel").waitFor();

    // A bad username is refused before it reaches the server.
    await alice.getByTestId("dev-username").fill("pizza");
    await alice.getByTestId("dev-name").fill(BOT_NAME);
    expect(await alice.getByTestId("dev-create").isDisabled()).toBe(true);

    await alice.getByTestId("dev-username").fill(BOT_USERNAME);
    await alice.getByTestId("dev-category").fill("Food");
    await alice.getByTestId("dev-about").fill("Pizza or sushi, one tap away");
    await alice.getByTestId("dev-description").fill("Order pizza or sushi with inline buttons.");
    await alice.getByTestId("dev-create").click();

    const tokenEl = alice.getByTestId("bot-token");
    await tokenEl.waitFor();
    const token = (await tokenEl.textContent())!.trim();
    expect(token).toMatch(/^\d+:[A-Za-z0-9_-]{20,}$/);
    botId = Number(token.split(":")[0]);
    expect(await alice.getByTestId("token-box").textContent()).toMatch(/shown once.*store it now/i);
    const snippet = await alice.getByTestId("grammy-snippet").textContent();
    expect(snippet).toBe(`new Bot("${token}", { client: { apiRoot: "${world.url}" } })`);

    // The bot is listed with its status: no webhook (it will poll), nothing pending, no errors.
    const card = alice.locator(`[data-testid="my-bot"][data-username="${BOT_USERNAME}"]`);
    await card.waitFor();
    expect(await card.getByTestId("webhook-url").textContent()).toContain("getUpdates");
    expect(await card.getByTestId("pending-updates").textContent()).toBe("0");
    expect(await card.getByTestId("webhook-ok").count()).toBe(1);
    expect(await card.getByTestId("privacy-toggle").isChecked()).toBe(true);

    // The real bot, with the token read off the page, long-polling the platform.
    bot = createMenuBot(token, world.url) as MenuBot;
    bot.api.config.use(retryOn429);
    bot.catch((err) => console.error(`[menu bot] ${err.message}`));
    await bot.api.setMyCommands([{ command: "menu", description: "Show the menu" }]);
    const started = new Promise<string>((resolve, reject) => bot!.start({ onStart: (me) => resolve(me.username) }).catch(reject));
    expect(await started).toBe(BOT_USERNAME);

    // The page shows the commands it set; the token is gone once acknowledged.
    await expect.poll(async () => (await alice.getByTestId("dev-refresh").click(), await card.getByTestId("bot-commands").textContent())).toContain("/menu");
    await alice.getByTestId("token-done").click();
    expect(await alice.getByTestId("bot-token").count()).toBe(0);

    // Privacy mode toggles through PATCH and the new status comes back.
    await card.getByTestId("privacy-toggle").uncheck();
    await expect.poll(() => card.getByTestId("privacy-toggle").isChecked()).toBe(false);
    await card.getByTestId("privacy-toggle").check();
    await expect.poll(() => card.getByTestId("privacy-toggle").isChecked()).toBe(true);
  });

  test("bob finds the bot in the directory, starts it and orders through the inline buttons", async () => {
    bob = await world.newPage({ width: 1280, height: 860 });
    await world.logIn(bob, "bob", "bob-demo-pass");
    await bob.getByTestId("bots-button").click();
    await bob.getByTestId("bot-directory").waitFor();
    await bob.getByTestId("bot-search").fill("zzeria Me"); // part of the name
    const result = bob.locator(`[data-testid="bot-result"][data-username="${BOT_USERNAME}"]`);
    await result.waitFor();
    await expect.poll(() => bob.getByTestId("bot-result").count()).toBe(1);
    const listing = await result.textContent();
    expect(listing).toContain(BOT_NAME);
    expect(listing).toContain(`@${BOT_USERNAME}`);
    expect(listing).toContain("Food");
    expect(listing).toContain("Order pizza or sushi with inline buttons.");
    // A search that matches nothing says so.
    await bob.getByTestId("bot-search").fill("no-such-thing-at-all");
    await bob.getByTestId("bot-search-empty").waitFor();
    await bob.getByTestId("bot-search").fill("food"); // the category matches too
    await result.waitFor();
    await bob.screenshot({ path: join(SHOTS, "switchboard-bot-directory.png") });

    await result.getByTestId("start-bot").click();
    await bob.getByTestId("chat-view").waitFor();
    expect(await bob.getByTestId("chat-view").getAttribute("data-chat-id")).toBe(String(botId));
    await expect.poll(() => bob.getByTestId("chat-title").textContent()).toBe(BOT_NAME);

    // /start went out and the bot answered with its menu.
    await expect.poll(() => bubbles(bob).filter({ hasText: "/start" }).count()).toBe(1);
    const welcome = bubbles(bob).filter({ hasText: "What would you like?" });
    await expect.poll(() => welcome.count()).toBe(1);
    expect(await welcome.textContent()).toContain("Hello Bob Marley!"); // first_name is the display name
    expect(await welcome.textContent()).not.toContain("you came from");
    const welcomeId = (await welcome.getAttribute("data-message-id"))!;
    const keyboard = keyboardOf(bob, welcomeId);
    await expect.poll(() => keyboard.getByTestId("inline-button").count()).toBe(3);
    expect((await keyboard.locator('[data-kind="callback"]').allTextContents()).map((t) => t.trim())).toEqual(["🍕 Pizza", "🍣 Sushi"]);
    // Two rows: the callback buttons side by side, the link below.
    expect(await keyboard.locator(".kb-row").count()).toBe(2);
    const urlButton = keyboard.locator('[data-kind="url"]');
    expect(await urlButton.getAttribute("href")).toMatch(/^https:\/\//);
    expect(await urlButton.getAttribute("target")).toBe("_blank");
    expect(await urlButton.getAttribute("rel")).toContain("noopener");
    await bob.screenshot({ path: join(SHOTS, "switchboard-bot-chat-buttons.png") });

    // Sushi: the bot answers the callback (a toast) and edits the message.
    await keyboard.getByTestId("inline-button").filter({ hasText: "Sushi" }).click();
    await expect.poll(() => bob.getByTestId("bot-toast").textContent()).toContain("You picked sushi");
    await expect.poll(() => byId(bob, welcomeId).textContent()).toContain("Order placed: sushi 🎉");
    expect(await byId(bob, welcomeId).textContent()).toContain("edited");
    // No button is left spinning.
    expect(await bob.locator('[data-testid="inline-button"][data-state="pressed"]').count()).toBe(0);
  });

  test("bob uses the command menu; the bot's HTML reply renders as formatting", async () => {
    // The "/" menu lists what the bot set with setMyCommands.
    await bob.getByTestId("command-menu-button").click();
    const item = bob.getByTestId("command-menu").locator('[data-command="menu"]');
    await item.waitFor();
    expect(await item.textContent()).toContain("Show the menu");
    await item.click();
    await expect.poll(() => bubbles(bob).filter({ hasText: /^\/menu/ }).count()).toBe(1);
    const reply = bubbles(bob).filter({ hasText: "Menu: pick one" });
    await expect.poll(() => reply.count()).toBe(1);
    expect(await reply.locator("b").first().textContent()).toBe("Menu");
    expect(await reply.locator("b").first().evaluate((el) => getComputedStyle(el).fontWeight)).toBe("700");
    const replyId = (await reply.getAttribute("data-message-id"))!;
    await expect.poll(() => keyboardOf(bob, replyId).getByTestId("inline-button").count()).toBe(3);

    // Typing "/" suggests the matching commands; picking one sends it.
    await bob.getByTestId("composer-input").fill("/me");
    const suggestion = bob.getByTestId("command-suggestions").locator('[data-command="menu"]');
    await suggestion.waitFor();
    await bob.getByTestId("composer-input").fill("/xyz");
    await expect.poll(() => bob.getByTestId("command-suggestions").count()).toBe(0);
    await bob.getByTestId("composer-input").fill("");

    // Plain text is echoed.
    await bob.getByTestId("composer-input").fill("hello bot");
    await bob.getByTestId("composer-input").press("Enter");
    await expect.poll(() => bubbles(bob).filter({ hasText: "echo: hello bot" }).count()).toBe(1);

    // Richer formatting, sent by the bot through the Bot API: links open in a new tab, spoilers reveal on click.
    await bot!.api.sendMessage(world.users.bob.user.id, '<i>Hi</i> <u>there</u>, <s>no</s> <code>x=1</code> <a href="https://example.com/">site</a> <tg-spoiler>secret</tg-spoiler>', {
      parse_mode: "HTML",
    });
    const rich = bubbles(bob).filter({ hasText: "secret" });
    await expect.poll(() => rich.count()).toBe(1);
    expect(await rich.locator("i").textContent()).toBe("Hi");
    expect(await rich.locator("u").textContent()).toBe("there");
    expect(await rich.locator("s").textContent()).toBe("no");
    expect(await rich.locator("code").textContent()).toBe("x=1");
    const link = rich.locator('a[href="https://example.com/"]');
    expect(await link.textContent()).toBe("site");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toContain("noopener");
    const spoiler = rich.getByTestId("spoiler");
    expect(await spoiler.getAttribute("class")).not.toContain("revealed");
    await spoiler.click();
    expect(await spoiler.getAttribute("class")).toContain("revealed");
  });

  test("a reply keyboard shows above the composer, sends its text, hides when one-time or removed", async () => {
    const bobId = world.users.bob.user.id;
    await bot!.api.sendMessage(bobId, "Hungry?", {
      reply_markup: { keyboard: [[{ text: "Yes please" }, { text: "Not now" }]], one_time_keyboard: true, resize_keyboard: true, input_field_placeholder: "Pick one" },
    });
    const keys = bob.getByTestId("reply-keyboard").getByTestId("reply-key");
    await expect.poll(() => keys.allTextContents()).toEqual(["Yes please", "Not now"]);
    expect(await bob.getByTestId("composer-input").getAttribute("placeholder")).toBe("Pick one");
    await keys.filter({ hasText: "Yes please" }).click();
    await expect.poll(() => bubbles(bob).filter({ hasText: "echo: Yes please" }).count()).toBe(1);
    expect(await bob.getByTestId("reply-keyboard").count()).toBe(0); // one-time: put away
    // It can be brought back with the toggle.
    await bob.getByTestId("reply-keyboard-toggle").click();
    await bob.getByTestId("reply-keyboard").waitFor();

    // A persistent keyboard stays after the bot's next messages, until remove_keyboard.
    await bot!.api.sendMessage(bobId, "Size?", { reply_markup: { keyboard: [[{ text: "Small" }], [{ text: "Large" }]] } });
    await expect.poll(() => keys.allTextContents()).toEqual(["Small", "Large"]);
    await keys.filter({ hasText: "Large" }).click();
    await expect.poll(() => bubbles(bob).filter({ hasText: "echo: Large" }).count()).toBe(1);
    expect(await keys.count()).toBe(2);
    await bot!.api.sendMessage(bobId, "Thanks!", { reply_markup: { remove_keyboard: true } });
    await expect.poll(() => bubbles(bob).filter({ hasText: "Thanks!" }).count()).toBe(1);
    await expect.poll(() => bob.getByTestId("reply-keyboard").count()).toBe(0);
    expect(await bob.getByTestId("reply-keyboard-toggle").count()).toBe(0);
  });

  test("a deep link opens the bot chat with a payload, also on a phone through the login", async () => {
    // Bob, signed in: the link starts the bot with the payload and cleans the URL. The bot
    // answers while the chat's history is still loading (held back here on purpose): the
    // answer must not get lost between the page and the live event.
    await bob.route(/\/api\/v1\/chats\/\d+\/messages\?/, async (route) => {
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 2000));
      await route.fulfill({ response });
    });
    await bob.goto(`${world.url}/?start=${BOT_USERNAME}&payload=promo`);
    await bob.getByTestId("chat-view").waitFor();
    expect(await bob.getByTestId("chat-view").getAttribute("data-chat-id")).toBe(String(botId));
    await expect.poll(() => bubbles(bob).filter({ hasText: '(you came from "promo")' }).count()).toBe(1);
    await expect.poll(() => bubbles(bob).filter({ hasText: "/start promo" }).count()).toBe(1);
    await expect.poll(() => new URL(bob.url()).search).toBe("");
    expect(new URL(bob.url()).hash).toBe(`#/chat/${botId}`);
    await bob.unrouteAll();

    // Carol, signed out, on a phone: the link survives the login and then opens the chat.
    const carol = await world.newPage({ width: 390, height: 844 }, true);
    await carol.goto(`${world.url}/?start=${BOT_USERNAME}&payload=flyer_2024`);
    await fillLogin(carol, "carol", "carol-demo-pass");
    await carol.getByTestId("chat-view").waitFor();
    expect(await carol.getByTestId("chat-list").isVisible()).toBe(false);
    const hello = bubbles(carol).filter({ hasText: '(you came from "flyer_2024")' });
    await expect.poll(() => hello.count()).toBe(1);
    expect(await hello.textContent()).toContain("Hello Carol");
    const helloId = (await hello.getAttribute("data-message-id"))!;
    await keyboardOf(carol, helloId).getByTestId("inline-button").filter({ hasText: "Pizza" }).click();
    await expect.poll(() => carol.getByTestId("bot-toast").textContent()).toContain("You picked pizza");
    await expect.poll(() => byId(carol, helloId).textContent()).toContain("Order placed: pizza");
    await carol.getByTestId("command-menu-button").waitFor();
    expect(await carol.getByTestId("block-bot").isVisible()).toBe(true);
    await carol.screenshot({ path: join(SHOTS, "switchboard-phone-bot-chat.png") });
    await carol.getByTestId("back-button").click();
    await expect.poll(() => carol.getByTestId("chat-list").isVisible()).toBe(true);
    expect(await carol.getByTestId(`chat-${botId}`).textContent()).toContain(BOT_NAME);
  });

  test("block and unblock from the chat header: a blocked bot cannot send", async () => {
    const bobId = world.users.bob.user.id;
    const before = 2; // bob and carol
    await expect.poll(() => subscribers(alice)).toBe(before);

    const toggle = bob.getByTestId("block-bot");
    expect(await toggle.textContent()).toBe("Block");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("data-blocked")).toBe("true");
    expect(await toggle.textContent()).toBe("Unblock");
    await bob.getByTestId("blocked-banner").waitFor();

    // The bot's sends now fail, and its owner sees one subscriber fewer.
    await expect(bot!.api.sendMessage(bobId, "anyone there?")).rejects.toThrow(/blocked/i);
    await expect.poll(() => subscribers(alice)).toBe(before - 1);
    // The state survives a reload (this device remembers it).
    await bob.reload();
    await expect.poll(() => bob.getByTestId("block-bot").getAttribute("data-blocked")).toBe("true");

    await bob.getByTestId("block-bot").click();
    await expect.poll(() => bob.getByTestId("block-bot").getAttribute("data-blocked")).toBe("false");
    expect(await bob.getByTestId("blocked-banner").count()).toBe(0);
    await bot!.api.sendMessage(bobId, "Welcome back!");
    await expect.poll(() => bubbles(bob).filter({ hasText: "Welcome back!" }).count()).toBe(1);
    await expect.poll(() => subscribers(alice)).toBe(before);

    // A webhook nobody answers: the Developer page shows its URL, the backlog and the error.
    await bot!.stop(); // a bot polls or takes webhooks, not both
    const deadHook = `http://127.0.0.1:${await freePort()}/hook`;
    await (bot!.api as unknown as { setWebhook(url: string): Promise<true> }).setWebhook(deadHook);
    await bob.getByTestId("composer-input").fill("is anyone home?");
    await bob.getByTestId("composer-input").press("Enter");
    const card = alice.locator(`[data-testid="my-bot"][data-username="${BOT_USERNAME}"]`);
    await expect.poll(async () => (await alice.getByTestId("dev-refresh").click(), await card.getByTestId("webhook-error").count())).toBe(1);
    expect(await card.getByTestId("webhook-url").textContent()).toBe(deadHook);
    expect(Number(await card.getByTestId("pending-updates").textContent())).toBeGreaterThanOrEqual(1);
    const hookError = card.getByTestId("webhook-error");
    expect(await hookError.textContent()).toMatch(/Last error.*\d/);
    expect(await hookError.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(194, 65, 59)"); // --danger
    await hookError.scrollIntoViewIfNeeded();
    await alice.screenshot({ path: join(SHOTS, "switchboard-developer.png") });

    // Rotating the token shows the new one once; the old one stops working.
    await card.getByTestId("rotate-token").click();
    await card.getByTestId("rotate-confirm").click();
    const fresh = (await alice.getByTestId("bot-token").textContent())!.trim();
    expect(fresh).toMatch(new RegExp(`^${botId}:`));
    expect(await alice.getByTestId("token-box").textContent()).toMatch(/old token has stopped working/i);
    await alice.screenshot({ path: join(SHOTS, "switchboard-developer-rotated.png") });
    await expect(bot!.api.sendMessage(bobId, "still me?")).rejects.toThrow(/401|unauthorized|not found/i);
    const withNew = await fetch(`${world.url}/bot${fresh}/getMe`);
    expect(withNew.status).toBe(200);

    expect(world.pageErrors).toEqual([]);
  });
});
