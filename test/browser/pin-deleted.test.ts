// A pinned message deleted in the web app: its pin's notice says the message is gone, live and
// after a reload, with none of its content; the pinned bar goes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-pin-deleted-");
});

afterAll(async () => {
  await world?.stop();
});

describe("a deleted pinned message", () => {
  test("its notice reads 'pinned a deleted message' for everyone, live and after a reload; the bar goes", async () => {
    const { alice, bob } = world.users;
    const chats = await world.api("/api/v1/chats", alice.token);
    const group = chats.chats.find((c: any) => c.type === "group");
    const note = await world.api(`/api/v1/chats/${group.id}/messages`, bob.token, { text: "The door code is 4711" });
    const id = note.message.id as number;
    await world.api(`/api/v1/chats/${group.id}/messages/${id}/pin`, alice.token, {});

    const a = await world.newPage({ width: 1280, height: 800 });
    const b = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(a, "alice", "alice-demo-pass");
    await world.logIn(b, "bob", "bob-demo-pass");
    for (const p of [a, b]) {
      await p.getByTestId(`chat-${group.id}`).click();
      await p.getByTestId("pinned-bar").waitFor();
      await expect.poll(() => p.getByTestId("pin-notice").last().textContent()).toBe(`${alice.user.displayName} pinned “The door code is 4711”`);
    }

    await world.api(`/api/v1/chats/${group.id}/messages/${id}`, bob.token, undefined, "DELETE");
    for (const p of [a, b]) {
      await expect.poll(() => p.getByTestId("pin-notice").last().textContent()).toBe(`${alice.user.displayName} pinned a deleted message`);
      await expect.poll(() => p.getByTestId("pinned-bar").count()).toBe(0);
      expect(await p.getByTestId("message-list").textContent()).not.toContain("4711");
    }

    await a.reload();
    await a.getByTestId(`chat-${group.id}`).click();
    await expect.poll(() => a.getByTestId("pin-notice").last().textContent()).toBe(`${alice.user.displayName} pinned a deleted message`);
    expect(await a.getByTestId("message-list").textContent()).not.toContain("4711");
    expect(await a.getByTestId("chat-list").textContent()).not.toContain("4711");
    expect(world.pageErrors).toEqual([]);
  });
});
