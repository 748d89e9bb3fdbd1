// Polls, reactions and pins in the web app: a bot (plain Bot API calls) sends polls that Alice
// answers; in the group, Alice and Bob react and see each other's reactions live; Alice pins a
// message and both see the pinned bar.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { byId, SHOTS, startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-interaction-");
});

afterAll(async () => {
  await world?.stop();
});

describe("polls, reactions and pins", () => {
  test("a bot's poll: Alice votes and sees the bars; a multiple-answer poll takes a Vote; the bot hears her answer", async () => {
    const { alice } = world.users;
    const created = await world.api("/api/v1/bots", alice.token, { username: "tea_poll_bot", name: "Tea Poll" });
    const token = created.token as string;
    const botId = created.bot.id as number;
    await world.api("/api/v1/bots/tea_poll_bot/start", alice.token, {});
    const single = await world.botApi(token, "sendPoll", { chat_id: alice.user.id, question: "Green or black?", options: [{ text: "Green" }, { text: "Black" }], is_anonymous: false });
    const multi = await world.botApi(token, "sendPoll", { chat_id: alice.user.id, question: "Biscuits?", options: ["Shortbread", "Digestive", "None"], allows_multiple_answers: true });
    await world.botApi(token, "getUpdates", { offset: -1 }); // confirm what came before

    const page = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId(`chat-${botId}`).click();
    const poll = byId(page, single.message_id).getByTestId("poll");
    await poll.waitFor();
    expect(await poll.getAttribute("data-state")).toBe("open");
    expect(await poll.getByTestId("poll-bar").count()).toBe(0); // no results before voting

    await poll.locator('[data-testid="poll-option"][data-option="1"]').click();
    await expect.poll(() => poll.getAttribute("data-state")).toBe("results");
    expect(await poll.getByTestId("poll-percent").allTextContents()).toEqual(["0%", "100%"]);
    expect(await poll.locator('[data-option="1"] [data-testid="poll-bar"]').getAttribute("style")).toContain("width: 100%");
    expect(await poll.getByTestId("poll-total").textContent()).toBe("1 vote");
    expect(await poll.locator('[data-option="1"]').getAttribute("class")).toContain("chosen");

    const many = byId(page, multi.message_id).getByTestId("poll");
    await many.locator('[data-option="0"]').click();
    await many.locator('[data-option="1"]').click();
    expect(await many.getAttribute("data-state")).toBe("open"); // nothing sent until Vote
    await many.getByTestId("poll-vote").click();
    await expect.poll(() => many.getByTestId("poll-percent").allTextContents()).toEqual(["100%", "100%", "0%"]);
    await page.screenshot({ path: join(SHOTS, "switchboard-poll.png") });

    const updates = await world.botApi(token, "getUpdates", { timeout: 0 });
    const answers = updates.map((u: any) => u.poll_answer).filter(Boolean);
    expect(answers).toEqual([{ poll_id: single.poll.id, user: expect.objectContaining({ id: alice.user.id }), option_ids: [1] }]); // the anonymous poll sends none

    // A retracted vote takes the bars away again.
    await poll.getByTestId("poll-retract").click();
    await expect.poll(() => poll.getAttribute("data-state")).toBe("open");
  });

  test("in the group, Alice reacts from the bubble's menu and Bob sees it live; Alice pins and both see the pinned bar", async () => {
    const { alice, bob } = world.users;
    const chats = await world.api("/api/v1/chats", alice.token);
    const group = chats.chats.find((c: any) => c.type === "group");
    const note = await world.api(`/api/v1/chats/${group.id}/messages`, bob.token, { text: "Tea at five, bring cups" });
    const id = note.message.id as number;

    const a = await world.newPage({ width: 1280, height: 800 });
    const b = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(a, "alice", "alice-demo-pass");
    await world.logIn(b, "bob", "bob-demo-pass");
    for (const p of [a, b]) {
      await p.getByTestId(`chat-${group.id}`).click();
      await byId(p, id).waitFor();
    }

    // Alice: hover, open the picker, pick 👍
    await byId(a, id).hover();
    await byId(a, id).getByTestId("react-button").click();
    await byId(a, id).locator('[data-testid="picker-emoji"][data-emoji="👍"]').click();
    const mineA = byId(a, id).locator('[data-testid="reaction"][data-emoji="👍"]');
    await expect.poll(() => mineA.getAttribute("data-mine")).toBe("true");

    // Bob sees it live: not his, Alice named in the tooltip
    const chipB = byId(b, id).locator('[data-testid="reaction"][data-emoji="👍"]');
    await chipB.waitFor();
    expect(await chipB.getAttribute("data-mine")).toBe("false");
    expect(await chipB.getAttribute("title")).toBe(`${alice.user.displayName} reacted 👍`);
    // Bob joins in by clicking the chip; Alice sees the count go up
    await chipB.click();
    await expect.poll(() => mineA.getByTestId("reaction-count").textContent()).toBe("2");
    await expect.poll(() => chipB.getAttribute("data-mine")).toBe("true");

    // Bob is a member: no pin in his menu. Alice is the owner: she pins.
    await byId(b, id).hover();
    expect(await byId(b, id).getByTestId("pin-button").count()).toBe(0);
    await byId(a, id).hover();
    await byId(a, id).getByTestId("pin-button").click();
    for (const p of [a, b]) {
      const bar = p.getByTestId("pinned-bar");
      await bar.waitFor();
      expect(await bar.getAttribute("data-message-id")).toBe(String(id));
      expect(await bar.getByTestId("pinned-text").textContent()).toBe("Tea at five, bring cups");
      await p.getByTestId("pin-notice").waitFor();
      expect(await p.getByTestId("pin-notice").textContent()).toBe(`${alice.user.displayName} pinned “Tea at five, bring cups”`);
      await byId(p, id).getByTestId("pin-mark").waitFor();
    }
    await b.screenshot({ path: join(SHOTS, "switchboard-pinned.png") });
    expect(await b.getByTestId("pinned-bar").getByTestId("pinned-unpin").count()).toBe(0);

    // Alice unpins from the bar; it goes from Bob's screen too
    await a.getByTestId("pinned-unpin").click();
    await expect.poll(() => b.getByTestId("pinned-bar").count()).toBe(0);
    await expect.poll(() => byId(b, id).getByTestId("pin-mark").count()).toBe(0);
    expect(world.pageErrors).toEqual([]);
  });
});
