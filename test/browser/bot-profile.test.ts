// A bot's profile in the web app (issue 8): its description in the empty chat before Start,
// its short description in the directory, a new name after setMyName, its menu button (a Web
// App link) and the commands it scoped to each chat and user. The bot is plain Bot API calls.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bubbles, SHOTS, startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-bot-profile-");
});

afterAll(async () => {
  await world?.stop();
});

const USERNAME = "help_desk_bot";
const commandsIn = (page: Page) => page.getByTestId("command-menu").getByTestId("command-item");

describe("a bot's profile", () => {
  let token = "";
  let botId = 0;
  let bob: Page;

  test("the directory shows the short description; the empty chat shows the description and Start", async () => {
    const { alice } = world.users;
    const created = await world.api("/api/v1/bots", alice.token, { username: USERNAME, name: "Help Desk", description: "Created text", about: "Created about" });
    token = created.token;
    botId = created.bot.id;
    // The bot sets its texts itself, through the Bot API.
    await world.botApi(token, "setMyDescription", { description: "I answer questions about your orders, day and night." });
    await world.botApi(token, "setMyShortDescription", { short_description: "Order help, 24/7" });

    bob = await world.newPage({ width: 1280, height: 860 });
    await world.logIn(bob, "bob", "bob-demo-pass");
    await bob.getByTestId("bots-button").click();
    await bob.getByTestId("bot-search").fill("help_desk");
    const card = bob.locator(`[data-testid="bot-result"][data-username="${USERNAME}"]`);
    await card.waitFor();
    expect(await card.getByTestId("bot-about").textContent()).toBe("Order help, 24/7");

    await card.getByTestId("bot-open").click();
    const intro = bob.getByTestId("bot-intro");
    await intro.waitFor();
    expect(await bob.getByTestId("chat-view").getAttribute("data-chat-id")).toBe(String(botId));
    expect(await bob.getByTestId("chat-title").textContent()).toBe("Help Desk");
    expect(await intro.getByTestId("bot-description").textContent()).toBe("I answer questions about your orders, day and night.");
    expect(await intro.textContent()).toContain("What can this bot do?");
    expect(await bob.getByTestId("composer-input").count()).toBe(0); // nothing to write to before Start
    await bob.screenshot({ path: join(SHOTS, "switchboard-bot-intro.png") });

    await bob.getByTestId("bot-intro-start").click();
    await expect.poll(() => bubbles(bob).filter({ hasText: "/start" }).count()).toBe(1);
    expect(await bob.getByTestId("bot-intro").count()).toBe(0);
    await bob.getByTestId("composer-input").waitFor();
  });

  test("a renamed bot shows its new name in the chat list and the chat", async () => {
    await world.botApi(token, "setMyName", { name: "Order Desk" });
    await bob.reload();
    const item = bob.getByTestId(`chat-${botId}`);
    await expect.poll(() => item.textContent()).toContain("Order Desk");
    await item.click();
    await expect.poll(() => bob.getByTestId("chat-title").textContent()).toBe("Order Desk");
  });

  test("the menu button opens the bot's Web App in a new tab, and the commands are those scoped to the chat", async () => {
    const { alice } = world.users;
    await world.botApi(token, "setMyCommands", { commands: [{ command: "help", description: "Everything" }] });
    await world.botApi(token, "setMyCommands", { commands: [{ command: "orders", description: "Your orders" }], scope: { type: "all_private_chats" } });
    await world.botApi(token, "setMyCommands", { commands: [{ command: "track", description: "Track a parcel" }], scope: { type: "all_group_chats" } });
    await world.botApi(token, "setMyCommands", { commands: [{ command: "refund", description: "Refund an order" }], scope: { type: "all_chat_administrators" } });

    // Bob's private chat: the private chats' list, not the default one.
    await bob.reload();
    await bob.getByTestId(`chat-${botId}`).click();
    await bob.getByTestId("command-menu-button").click();
    await expect.poll(() => commandsIn(bob).evaluateAll((els) => els.map((e) => e.getAttribute("data-command")))).toEqual(["orders"]);

    // A Web App menu button for Bob's chat takes the command button's place.
    await world.botApi(token, "setChatMenuButton", { chat_id: world.users.bob.user.id, menu_button: { type: "web_app", text: "Open shop", web_app: { url: "https://shop.example.com/app" } } });
    await bob.reload();
    await bob.getByTestId(`chat-${botId}`).click();
    const app = bob.getByTestId("menu-web-app");
    await app.waitFor();
    expect(await app.textContent()).toBe("Open shop");
    expect(await app.getAttribute("href")).toBe("https://shop.example.com/app");
    expect(await app.getAttribute("target")).toBe("_blank");
    expect(await app.getAttribute("rel")).toContain("noopener");
    expect(await bob.getByTestId("command-menu-button").count()).toBe(0);
    await bob.screenshot({ path: join(SHOTS, "switchboard-bot-menu-button.png") });

    // In a group: members see the groups' list, admins the admins' list, each addressed to the bot.
    await world.api(`/api/v1/bots/${USERNAME}/start`, alice.token, {});
    const group = await world.api("/api/v1/chats", alice.token, { type: "group", title: "Orders team", memberIds: [world.users.bob.user.id, botId] });
    const groupId = group.chat.id;
    await bob.getByTestId(`chat-${groupId}`).click();
    await bob.getByTestId("command-menu-button").click();
    await expect.poll(() => commandsIn(bob).evaluateAll((els) => els.map((e) => e.getAttribute("data-command")))).toEqual([`track@${USERNAME}`]);
    await commandsIn(bob).first().click();
    await expect.poll(() => bubbles(bob).filter({ hasText: `/track@${USERNAME}` }).count()).toBe(1);

    const alicePage = await world.newPage({ width: 1280, height: 860 });
    await world.logIn(alicePage, "alice", "alice-demo-pass");
    await alicePage.getByTestId(`chat-${groupId}`).click();
    await alicePage.getByTestId("command-menu-button").click();
    await expect.poll(() => commandsIn(alicePage).evaluateAll((els) => els.map((e) => e.getAttribute("data-command")))).toEqual([`refund@${USERNAME}`]);
  });
});
