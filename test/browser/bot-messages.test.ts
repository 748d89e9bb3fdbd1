// Forwards, locations, contacts and detected entities in the web app: a bot (plain Bot API
// calls) sends a location and a contact and forwards a message; Alice sees the cards and the
// forward header; a URL and a mention in a person's message are links that work.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bubbles, byId, SHOTS, startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-bot-messages-");
});

afterAll(async () => {
  await world?.stop();
});

describe("forwards, locations, contacts and links", () => {
  test("a bot's location, contact and forward show as cards and a header; links in text work", async () => {
    const { alice, bob, carol } = world.users;
    const created = await world.api("/api/v1/bots", alice.token, { username: "atlas_places_bot", name: "Atlas" });
    const token = created.token as string;
    const botId = created.bot.id as number;
    await world.api("/api/v1/bots/atlas_places_bot/start", alice.token, {});
    const mine = await world.api(`/api/v1/chats/${botId}/messages`, alice.token, { text: "Meet at https://example.com/tea with @bob" });
    const location = await world.botApi(token, "sendLocation", { chat_id: alice.user.id, latitude: 51.50135, longitude: -0.14189, horizontal_accuracy: 20 });
    const contact = await world.botApi(token, "sendContact", { chat_id: alice.user.id, phone_number: "+44 20 7946 0958", first_name: "Ada", last_name: "Lovelace" });
    const forward = await world.botApi(token, "forwardMessage", { chat_id: alice.user.id, from_chat_id: alice.user.id, message_id: mine.message.id });

    const page = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${botId}`).click();
    await page.getByTestId("chat-view").waitFor();

    const place = byId(page, location.message_id).getByTestId("location-card");
    await place.waitFor();
    expect(await place.getByTestId("location-coords").textContent()).toBe("51.50135, -0.14189 ± 20 m");
    expect(await place.getByTestId("location-link").getAttribute("href")).toBe("https://www.openstreetmap.org/?mlat=51.501350&mlon=-0.141890#map=16/51.501350/-0.141890");

    const card = byId(page, contact.message_id).getByTestId("contact-card");
    expect(await card.getByTestId("contact-name").textContent()).toBe("Ada Lovelace");
    expect(await card.getByTestId("contact-phone").getAttribute("href")).toBe("tel:+442079460958");

    const forwarded = byId(page, forward.message_id);
    expect(await forwarded.getByTestId("forward-header").textContent()).toBe(`Forwarded from ${alice.user.displayName}`);
    // the forward keeps the detected entities: the URL opens in a new tab, the mention is a link
    const url = forwarded.locator('[data-entity="url"]');
    expect(await url.getAttribute("href")).toBe("https://example.com/tea");
    expect(await url.getAttribute("target")).toBe("_blank");
    expect(await forwarded.locator('[data-entity="mention"]').textContent()).toBe("@bob");
    expect(await byId(page, mine.message.id).getByTestId("forward-header").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "switchboard-bot-messages.png") });

    // In the group, Bob mentions Carol: the mention opens Alice's chat with Carol.
    const chats = await world.api("/api/v1/chats", alice.token);
    const group = chats.chats.find((c: any) => c.type === "group");
    const ping = await world.api(`/api/v1/chats/${group.id}/messages`, bob.token, { text: `ping @${carol.user.handle} about #tea` });
    await page.getByTestId(`chat-${group.id}`).click();
    const mention = byId(page, ping.message.id).locator('[data-entity="mention"]');
    await mention.waitFor();
    expect(await byId(page, ping.message.id).locator('[data-entity="hashtag"]').textContent()).toBe("#tea");
    await mention.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/chat/${carol.user.id}`);
    await page.getByTestId("chat-view").waitFor();
    expect(world.pageErrors).toEqual([]);
  });
});
