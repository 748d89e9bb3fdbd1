// A bot owner's notification statistics (issue 10 point 8): GET /api/v1/bots/{username}/
// notification-stats counts per channel what went out, was read, was read within the
// importance's deadline (the bot's override counts), fell back, failed, and the median time to
// read; the bot's dead letters newest first; only the owner sees them.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runJob } from "../../src/notify/consumer.ts";
import { open } from "../../src/platform/d1.ts";
import { createBot, start } from "./bot-helpers.ts";
import { call, register, eventually } from "./client.ts";


const MIN = 60_000;

describe("notification statistics", () => {
  it("counts sends, reads, reads in time, fallbacks, failures and the median time to read per channel; dead letters; owner only", async () => {
    const [owner, user, stranger] = [await register("sto"), await register("stu"), await register("sts")];
    const bot = await createBot(owner);
    expect((await start(user, bot)).status).toBeLessThan(300);
    await env.DB.prepare("insert into contacts (user, channel, address, verified) values (?, 'email', 'stu@example.com', 1)").bind(user.user.id).run();

    // Three notifications to a new user: in-app and e-mail each.
    const ids: string[] = [];
    for (const text of ["one", "two", "three"]) {
      const sent = await bot.api("sendNotification", { user_id: user.user.id, text, link_url: "https://shop.example/o" });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
      ids.push(sent.result.notification_id);
    }
    const report = async (id: string) => (await bot.api("getNotification", { notification_id: id })).result;
    for (const id of ids) await eventually(() => report(id), (r) => r.deliveries.every((d: any) => d.status === "sent"), "sent");

    // The first e-mail's tracked link is clicked: one read on e-mail.
    const token = (await env.DB.prepare("select token from deliveries where notification = ? and channel = 'email'").bind(ids[0]!).first<{ token: string }>())!.token;
    expect((await exports.default.fetch(new Request(`http://switchboard.test/r/${token}`, { redirect: "manual" }))).status).toBe(302);

    // The third's in-app copy fails: the user blocked the bot before it went (as the queue would redeliver it).
    expect((await call("POST", `/api/v1/bots/${bot.username}/block`, { token: user.token })).status).toBeLessThan(300);
    await env.DB.prepare("update deliveries set status = 'queued', sent_at = null where notification = ? and channel = 'in_app'").bind(ids[2]!).run();
    await runJob(open(env.DB), env, { kind: "send", notification: ids[2]!, channel: "in_app" }, Date.now());
    expect((await report(ids[2]!)).deliveries.find((d: any) => d.channel === "in_app").status).toBe("failed");

    // SMS history with known times: urgent read after 1 minute (in time), urgent read after 10 (late,
    // a fallback), low read after 3 hours (in time: low waits 12 hours).
    const rows: [string, string, number, number][] = [["a", "urgent", 1 * MIN, 0], ["b", "urgent", 10 * MIN, 1], ["c", "low", 180 * MIN, 0]];
    for (const [k, importance, after, fallback] of rows) {
      const id = `n_st${bot.id}${k}`;
      await env.DB.batch([
        env.DB.prepare("insert into notifications (id, bot, user, text, importance, mode, created_at, send_at) values (?, ?, ?, 'old', ?, 'learned', 1000, 1000)").bind(id, bot.id, user.user.id, importance),
        env.DB.prepare("insert into deliveries (notification, channel, status, token, is_fallback, sent_at, read_at) values (?, 'sms', 'read', ?, ?, 1000, ?)").bind(id, `tok${id}`, fallback, 1000 + after),
      ]);
    }
    // Dead letters: two of this bot's (the newer first), one of another bot's (not shown).
    await env.DB.batch([
      env.DB.prepare("insert into dead_letters (queue, bot, body, at) values ('notify-jobs', ?, '{\"kind\":\"send\",\"n\":1}', 10)").bind(bot.id),
      env.DB.prepare("insert into dead_letters (queue, bot, body, at) values ('notify-jobs', ?, '{\"kind\":\"check\",\"n\":2}', 20)").bind(bot.id),
      env.DB.prepare("insert into dead_letters (queue, bot, body, at) values ('notify-jobs', ?, 'other', 30)").bind(bot.id + 100000),
    ]);

    const stats = async () => call("GET", `/api/v1/bots/${bot.username}/notification-stats`, { token: owner.token });
    const r = await stats();
    expect(r.status).toBe(200);
    const by = (ch: string) => r.body.channels.find((c: any) => c.channel === ch);
    expect(r.body.channels.map((c: any) => c.channel)).toEqual(["in_app", "official_account", "sms", "email"]);
    expect(by("email")).toMatchObject({ sent: 3, read: 1, readWithinDeadline: 1, fallbacks: 0, failures: 0 });
    expect(by("email").medianTimeToReadS).toBeGreaterThanOrEqual(0);
    expect(by("in_app")).toMatchObject({ sent: 2, read: 0, readWithinDeadline: 0, fallbacks: 0, failures: 1, medianTimeToReadS: null });
    expect(by("sms")).toEqual({ channel: "sms", sent: 3, read: 3, readWithinDeadline: 2, fallbacks: 1, failures: 0, medianTimeToReadS: 600 });
    expect(by("official_account")).toEqual({ channel: "official_account", sent: 0, read: 0, readWithinDeadline: 0, fallbacks: 0, failures: 0, medianTimeToReadS: null });
    expect(r.body.deadLetters.map((d: any) => [d.at, d.body])).toEqual([[20, '{"kind":"check","n":2}'], [10, '{"kind":"send","n":1}']]);

    // The bot's own read deadline counts: urgent has 15 minutes for this bot, so the late read is in time.
    await env.DB.prepare("insert into notify_config (bot, config) values (?, ?)").bind(bot.id, JSON.stringify({ deadlinesMs: { urgent: 15 * MIN } })).run();
    expect((await stats()).body.channels.find((c: any) => c.channel === "sms").readWithinDeadline).toBe(3);
    // An even number of reads: the median is the mean of the two middle ones (1 and 10 minutes -> 330 s).
    await env.DB.prepare("delete from deliveries where notification = ?").bind(`n_st${bot.id}c`).run();
    expect((await stats()).body.channels.find((c: any) => c.channel === "sms").medianTimeToReadS).toBe(330);

    // Someone else, the bot's user included, is refused as on the other owner routes; no such bot is a 404.
    for (const other of [stranger, user]) {
      const refused = await call("GET", `/api/v1/bots/${bot.username}/notification-stats`, { token: other.token });
      expect([refused.status, refused.body.error.code]).toEqual([403, "not_owner"]);
    }
    expect((await call("GET", "/api/v1/bots/nosuch_bot/notification-stats", { token: owner.token })).status).toBe(404);
    expect((await call("GET", `/api/v1/bots/${bot.username}/notification-stats`)).status).toBe(401);
  });
});
