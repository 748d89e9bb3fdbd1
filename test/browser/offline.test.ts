// The web app without a connection: nothing typed is lost, what was opened loads when the
// connection is back, and a chat that cannot be shown says so.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bubbles, networkSwitch, startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-offline-");
});

afterAll(async () => {
  await world?.stop();
});

/** Reconnecting waits out the stream's backoff, which grows while the platform is away. */
const BACK = { timeout: 45_000, interval: 200 };

async function serverCount(chatId: number, token: string, text: string): Promise<number> {
  const res = await fetch(`${world.url}/api/v1/chats/${chatId}/messages?before=2147483647&limit=100`, { headers: { Authorization: `Bearer ${token}` } });
  const { messages } = (await res.json()) as { messages: { text: string }[] };
  return messages.filter((m) => m.text === text).length;
}

describe("offline", () => {
  test("a message typed while the platform is unreachable survives a reload and arrives once", async () => {
    const { alice, bob } = world.users;
    const a = await world.newPage({ width: 1280, height: 800 });
    const net = await networkSwitch(a);
    const b = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(a, "alice", "alice-demo-pass");
    await world.logIn(b, "bob", "bob-demo-pass");
    await a.getByTestId(`chat-${bob.user.id}`).click();
    await expect.poll(() => bubbles(a).count()).toBeGreaterThan(0);
    await b.getByTestId(`chat-${alice.user.id}`).click();
    await expect.poll(() => bubbles(b).count()).toBeGreaterThan(0);

    await net.cut();
    await expect.poll(() => a.getByTestId("connection-status").getAttribute("class")).toContain("status-offline");
    const text = `Typed in a tunnel ${Date.now()}`;
    await a.getByTestId("composer-input").fill(text);
    await a.getByTestId("composer-input").press("Enter");
    const waiting = a.getByTestId("pending-message").filter({ hasText: text });
    await expect.poll(() => waiting.textContent()).toContain("Not sent");
    expect(await waiting.getAttribute("data-state")).toBe("unsent");

    // Still unreachable, the page is reloaded: the app opens and the message is still there.
    await a.reload();
    await a.getByTestId("chat-view").waitFor();
    await expect.poll(() => waiting.count()).toBe(1);
    expect(await waiting.textContent()).toContain("Not sent");
    expect(await serverCount(alice.user.id, bob.token, text)).toBe(0);

    // The connection comes back: it is sent by itself, and Bob has it exactly once.
    net.restore();
    await expect.poll(() => bubbles(b).filter({ hasText: text }).count(), BACK).toBe(1);
    await expect.poll(() => bubbles(a).filter({ hasText: text }).count(), BACK).toBe(1);
    await expect.poll(() => a.getByTestId("pending-message").count()).toBe(0);
    expect(await serverCount(alice.user.id, bob.token, text)).toBe(1);

    // Delivered, it has left the outbox: another reload does not send it again.
    await a.reload();
    await expect.poll(() => bubbles(a).filter({ hasText: text }).count()).toBe(1);
    expect(await a.getByTestId("pending-message").count()).toBe(0);
    expect(await serverCount(alice.user.id, bob.token, text)).toBe(1);
    expect(await bubbles(b).filter({ hasText: text }).count()).toBe(1);
  });

  test("a chat opened while offline loads once the connection is back", async () => {
    const page = await world.newPage({ width: 1280, height: 800 });
    const net = await networkSwitch(page);
    await world.logIn(page, "carol", "carol-demo-pass");
    const res = await fetch(`${world.url}/api/v1/chats`, { headers: { Authorization: `Bearer ${world.users.carol.token}` } });
    const group = ((await res.json()) as { chats: { id: number; type: string }[] }).chats.find((c) => c.type === "group")!;

    await net.cut();
    await expect.poll(() => page.getByTestId("connection-status").getAttribute("class")).toContain("status-offline");
    await page.getByTestId(`chat-${group.id}`).click();
    await page.getByTestId("chat-view").waitFor();
    expect(await page.getByTestId("message-list").textContent()).toContain("Loading messages");

    net.restore();
    await expect.poll(() => bubbles(page).filter({ hasText: "Welcome to the tea party!" }).count(), BACK).toBe(1);
    expect(await page.getByTestId("message-list").textContent()).not.toContain("Loading messages");
  });

  test("a link to a chat that does not exist, or is not mine, says so", async () => {
    const page = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(page, "bob", "bob-demo-pass");
    for (const id of [999_999, -999_999]) {
      await page.goto(`${world.url}/#/chat/${id}`);
      await expect.poll(() => page.getByTestId("chat-unavailable").textContent()).toContain("does not exist");
      expect(await page.getByTestId("chat-title").textContent()).toBe("Chat not found");
      expect(await page.getByTestId("composer-input").count()).toBe(0);
    }
  });
});
