// Notifications that learn, end to end (issue 10 point 10), on real `wrangler dev` with the
// sandbox on and real Chromium: Bob confirms an e-mail in his settings; Alice's bot, which he
// started, notifies him with a link; Bob opens the sandbox's outbox, sees the e-mail and clicks
// its tracked link (a redirect on to the link, here the platform's own /healthz); his "Where
// you read" then ranks e-mail first with 1 read and 1 first read; a pin moves another channel
// up and back; quiet hours save in his browser's time zone. Alice's bot card shows the counts.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SHOTS, startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-notify-");
});

afterAll(async () => {
  await world?.stop();
});

const BOT = "bistro_notify_bot";

describe("notifications", () => {
  test("an e-mail confirmed in the settings, a notification read by its tracked link, where Bob reads, and the owner's statistics", async () => {
    const { alice, bob } = world.users;
    const page = await world.newPage({ width: 1280, height: 860 });
    await world.logIn(page, "bob", "bob-demo-pass");

    // Bob adds his e-mail and confirms it with the code the sandbox "sent".
    await page.getByTestId("account-button").click();
    await page.getByTestId("account-dialog").getByTestId("open-notifications").click();
    const settings = page.getByTestId("notifications-page");
    await settings.getByTestId("contact-channel").selectOption("email");
    await settings.getByTestId("contact-address").fill("bob@example.com");
    await settings.getByTestId("contact-add").click();
    const code = async () => (await world.api(`/api/v1/sandbox/outbox?channel=email&userId=${bob.user.id}`, bob.token)).items?.[0]?.code as string | undefined;
    await expect.poll(code).toMatch(/^\d{6}$/);
    await settings.getByTestId("contact-code-email").fill((await code())!);
    await settings.getByTestId("contact-confirm-email").click();
    await expect.poll(() => settings.getByTestId("contact-email").getByTestId("contact-verified").count()).toBe(1);
    // Before any notification: still learning, e-mail and the bots' chats not read yet.
    await settings.getByTestId("wyr-refresh").click();
    await expect.poll(() => settings.getByTestId("wyr-mode").textContent()).toContain("Still learning");

    // Alice's bot, started by Bob, notifies him with a link.
    const created = await world.api("/api/v1/bots", alice.token, { username: BOT, name: "Bistro" });
    expect(created.token, JSON.stringify(created)).toBeTruthy();
    expect((await world.api(`/api/v1/bots/${BOT}/start`, bob.token, {})).chat.id).toBe(created.bot.id);
    const sent = await world.botApi(created.token, "sendNotification", { user_id: bob.user.id, text: "Your table is ready", link_url: `${world.url}/healthz` });
    expect(sent.channels.sort()).toEqual(["email", "in_app"]);

    // Bob's sandbox: the e-mail with its tracked link; clicking it is a read, then the link itself.
    await expect
      .poll(async () => {
        await page.goto(`${world.url}/sandbox`);
        return page.locator('li[data-channel="email"]', { hasText: "Your table is ready" }).count();
      })
      .toBe(1);
    const mail = page.locator('li[data-channel="email"]', { hasText: "Your table is ready" });
    expect(await mail.locator("code").textContent()).toBe("bob@example.com");
    await page.screenshot({ path: join(SHOTS, "notify-sandbox.png") });
    const tracked = mail.locator('a[href*="/r/"]');
    expect(await tracked.getAttribute("href")).toMatch(new RegExp(`^${world.url.replaceAll(".", "\\.")}/r/[A-Za-z0-9_-]+$`));
    await tracked.click();
    await page.waitForURL(`${world.url}/healthz`);
    expect(await page.textContent("body")).toContain('"ok":true');

    // Where Bob reads: e-mail first, with its read and first read, and why.
    await page.goto(world.url);
    await page.getByTestId("account-button").click();
    await page.getByTestId("account-dialog").getByTestId("open-notifications").click();
    const email = page.getByTestId("wyr-email");
    await expect.poll(() => email.getAttribute("data-rank")).toBe("1");
    expect([await email.getAttribute("data-reads"), await email.getAttribute("data-first-reads")]).toEqual(["1", "1"]);
    expect(await email.getByTestId("wyr-why").textContent()).toBe("1 read, 1 first read → score 3");
    const inApp = page.getByTestId("wyr-in_app");
    expect([await inApp.getAttribute("data-rank"), await inApp.getAttribute("data-reads")]).toEqual(["2", "0"]);
    await email.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "notify-where-you-read.png") });

    // A pin puts the bot's chat first whatever the reads; back to learned, e-mail leads again.
    await page.getByTestId("pin-primary").selectOption("in_app");
    await expect.poll(() => inApp.getAttribute("data-rank")).toBe("1");
    expect(await inApp.getByTestId("wyr-why").textContent()).toBe("pinned as primary (0 reads, 0 first reads → score 0)");
    expect((await world.api("/api/v1/me/notification-preferences", bob.token)).preferences.primary).toBe("in_app");
    await page.getByTestId("pin-primary").selectOption("");
    await expect.poll(() => email.getAttribute("data-rank")).toBe("1");
    expect((await world.api("/api/v1/me/notification-preferences", bob.token)).preferences.primary).toBeNull();

    // Quiet hours: the browser's zone is preselected and saved with the hours.
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await page.getByTestId("quiet-zone").inputValue()).toBe(zone);
    await page.getByTestId("quiet-start").fill("23:00");
    await page.getByTestId("quiet-end").fill("06:30");
    await page.getByTestId("quiet-save").click();
    await expect.poll(() => page.getByTestId("wyr-saved").textContent()).toBe("Quiet hours are saved.");
    expect((await world.api("/api/v1/me/notification-preferences", bob.token)).preferences.quietHours).toEqual({ start: "23:00", end: "06:30", timeZone: zone });

    // Alice's bot card: the Notifications view counts what went out and was read.
    const owner = await world.newPage({ width: 1280, height: 900 });
    await world.logIn(owner, "alice", "alice-demo-pass");
    await owner.getByTestId("developer-button").click();
    const card = owner.locator(`[data-testid="my-bot"][data-username="${BOT}"]`);
    await card.getByTestId("open-notify-stats").click();
    const chart = (ch: string) => card.getByTestId(`notify-chart-${ch}`);
    const value = (ch: string, key: string) => chart(ch).getByTestId(`bar-${key}`).getAttribute("data-value");
    await expect.poll(() => value("email", "sent")).toBe("1");
    expect([await value("email", "read"), await value("email", "readWithinDeadline"), await value("email", "fallbacks"), await value("email", "failures")]).toEqual(["1", "1", "0", "0"]);
    expect(await chart("email").locator("figcaption").textContent()).toContain("100% read");
    await expect
      .poll(async () => {
        await card.getByTestId("notify-stats-refresh").click();
        return value("in_app", "sent");
      })
      .toBe("1");
    expect(await value("in_app", "read")).toBe("0");
    expect(await card.getByTestId("dead-letters-none").count()).toBe(1);
    await card.getByTestId("notify-stats").scrollIntoViewIfNeeded();
    await owner.screenshot({ path: join(SHOTS, "notify-owner-stats.png") });
    expect(world.pageErrors).toEqual([]);
  });
});
