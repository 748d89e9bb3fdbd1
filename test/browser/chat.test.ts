// The web app end to end: real `wrangler dev`, real Chromium, two people chatting live.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bubbles, SHOTS, startWorld, type World } from "./harness.ts";
import { png } from "../png.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-browser-");
});

afterAll(async () => {
  await world?.stop();
});

describe("web app", () => {
  test("a wrong password shows the API's error", async () => {
    const page = await world.newPage({ width: 1280, height: 800 });
    await page.goto(world.url);
    await page.getByTestId("login-handle").fill("alice");
    await page.getByTestId("login-password").fill("not-the-password");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("auth-error").textContent()).toMatch(/\S/);
    expect(await page.getByTestId("me-name").count()).toBe(0);
  });

  test("register; a reload keeps the session; logout ends it", async () => {
    const page = await world.newPage({ width: 1280, height: 800 });
    await page.goto(world.url);
    await page.getByTestId("auth-toggle").click();
    await page.getByTestId("login-handle").fill("dave");
    await page.getByTestId("login-displayname").fill("Dave Grohl");
    await page.getByTestId("login-password").fill("dave-demo-pass");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("me-name").textContent()).toBe("Dave Grohl");
    await page.reload();
    await expect.poll(() => page.getByTestId("me-name").textContent()).toBe("Dave Grohl");
    // Logging out ends the session for good.
    await page.getByTestId("logout-button").click();
    await page.getByTestId("login-handle").waitFor();
    await page.reload();
    await page.getByTestId("login-handle").waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  test("alice and bob chat live: text, read receipts, typing, an image, history after reload", async () => {
    const { alice, bob } = world.users;
    const a = await world.newPage({ width: 1280, height: 800 });
    const b = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(a, "alice", "alice-demo-pass");
    await world.logIn(b, "bob", "bob-demo-pass");

    // Bob has the seeded message from Alice unread.
    const bobsChat = b.getByTestId(`chat-${alice.user.id}`);
    await expect.poll(() => bobsChat.getByTestId("unread-badge").textContent()).toBe("1");

    // Alice opens the private chat with Bob (its id is Bob's user id) and sends a text.
    await a.getByTestId(`chat-${bob.user.id}`).click();
    await expect.poll(() => bubbles(a).count()).toBeGreaterThan(0);
    const text = `Hello Bob, live at ${Date.now()}`;
    await a.getByTestId("composer-input").fill(text);
    await a.getByTestId("composer-input").press("Enter");
    const mine = bubbles(a).filter({ hasText: text });
    await expect.poll(() => mine.getByTestId("receipt").getAttribute("data-state")).toBe("sent");
    await expect.poll(() => mine.getByTestId("receipt").textContent()).toBe("✓");
    expect(await a.getByTestId("composer-input").inputValue()).toBe("");

    // Bob sees it in his list without reloading: preview and a second unread.
    await expect.poll(() => bobsChat.textContent()).toContain(text);
    await expect.poll(() => bobsChat.getByTestId("unread-badge").textContent()).toBe("2");

    // Bob opens the chat: the message is there, his badge clears, Alice sees ✓✓.
    await bobsChat.click();
    await expect.poll(() => bubbles(b).filter({ hasText: text }).count()).toBe(1);
    await expect.poll(() => bobsChat.getByTestId("unread-badge").count()).toBe(0);
    await expect.poll(() => mine.getByTestId("receipt").getAttribute("data-state")).toBe("read");
    expect(await mine.getByTestId("receipt").textContent()).toBe("✓✓");

    // Bob types: Alice sees "typing…"; Bob's reply arrives live on Alice's side.
    await b.getByTestId("composer-input").pressSequentially("Hi Ali");
    await expect.poll(() => a.getByTestId("typing-indicator").textContent()).toContain("typing");
    await b.getByTestId("composer-input").pressSequentially("ce!");
    await b.getByTestId("send-button").click();
    await expect.poll(() => bubbles(a).filter({ hasText: "Hi Alice!" }).count()).toBe(1);
    expect(await bubbles(a).filter({ hasText: "Hi Alice!" }).getAttribute("data-mine")).toBe("false");

    // Alice sends an image; Bob sees it rendered. (At most 90 pixels a side, it is its own
    // thumbnail: a larger photo shows as its 90- or 320-pixel thumbnail.)
    await a.getByTestId("image-input").setInputFiles({ name: "gradient.png", mimeType: "image/png", buffer: Buffer.from(png(80, 60)) });
    const bobsImage = b.getByTestId("message-image").last();
    await bobsImage.waitFor();
    await expect.poll(() => bobsImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(80);
    await expect.poll(() => a.getByTestId("message-image").last().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(80);
    // Bob has the chat open, so the image is read too.
    const alicesImage = bubbles(a).filter({ has: a.getByTestId("message-image") }).last();
    await expect.poll(() => alicesImage.getByTestId("receipt").getAttribute("data-state")).toBe("read");

    await a.screenshot({ path: join(SHOTS, "switchboard-desktop-alice.png") });
    await b.screenshot({ path: join(SHOTS, "switchboard-desktop-bob.png") });

    // A reload loses nothing: Bob is still signed in, in the chat, with the whole history.
    await b.reload();
    await b.getByTestId("chat-view").waitFor();
    await expect.poll(() => bubbles(b).filter({ hasText: text }).count()).toBe(1);
    await expect.poll(() => bubbles(b).filter({ hasText: "Hi Alice!" }).count()).toBe(1);
    await expect.poll(() => bubbles(b).filter({ hasText: "Hi Bob, it's Alice." }).count()).toBe(1);
    await expect.poll(() => b.getByTestId("message-image").last().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(80);
    const ids = await bubbles(b).evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-message-id"))));
    expect(new Set(ids).size).toBe(ids.length); // no duplicates after live + reload
  });

  test("phone-sized window: the list, then the chat, then back", async () => {
    const page = await world.newPage({ width: 390, height: 844 }, true);
    await world.logIn(page, "carol", "carol-demo-pass");
    const chats = await (
      await fetch(`${world.url}/api/v1/chats`, { headers: { Authorization: `Bearer ${world.users.carol.token}` } })
    ).json();
    const group = (chats as { chats: { id: number; type: string; title: string }[] }).chats.find((c) => c.type === "group")!;
    expect(group.title).toBe("Tea Party");

    const item = page.getByTestId(`chat-${group.id}`);
    expect(await item.isVisible()).toBe(true);
    expect(await page.getByTestId("chat-view").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "switchboard-phone-list.png") });

    await item.click();
    await page.getByTestId("chat-view").waitFor();
    expect(await page.getByTestId("chat-list").isVisible()).toBe(false);
    expect(await page.getByTestId("chat-title").textContent()).toBe("Tea Party");
    await expect.poll(() => bubbles(page).filter({ hasText: "Welcome to the tea party!" }).count()).toBe(1);
    await page.getByTestId("composer-input").fill("Carol here, on a phone");
    await page.getByTestId("send-button").click();
    await expect.poll(() => bubbles(page).filter({ hasText: "Carol here, on a phone" }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "switchboard-phone-chat.png") });

    await page.getByTestId("back-button").click();
    await expect.poll(() => page.getByTestId("chat-list").isVisible()).toBe(true);
    expect(await page.getByTestId("chat-view").count()).toBe(0);
    await expect.poll(() => item.textContent()).toContain("Carol here, on a phone");
  });
});
