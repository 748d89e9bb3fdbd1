// Notifications that learn (issue 10), through the real queue: sendNotification plans and
// queues; the consumer sends in-app (a bot message with a read button) and through the
// sandbox provider; reads by button, reply and tracked link are recorded once with the first
// read; an established user gets the learned primary, and the secondary only when the check
// finds no read (a redelivered check sends nothing twice); a failed primary falls back at once;
// quiet hours hold a send back unless urgent; dedup keys make a retry a no-op.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleDeadLetters, runJob } from "../../src/notify/consumer.ts";
import { open } from "../../src/platform/d1.ts";
import { createBot, start, type TestBot } from "./bot-helpers.ts";
import { call, connect, register, type Session, eventually } from "./client.ts";


async function setUp(): Promise<{ bot: TestBot; user: Session; owner: Session }> {
  const [owner, user] = [await register("own"), await register("usr")];
  const bot = await createBot(owner);
  expect((await start(user, bot)).status).toBeLessThan(300);
  return { bot, user, owner };
}

/** A confirmed contact, as the contact routes leave one (those are tested on their own). */
async function verified(user: Session, channel: "email" | "sms" | "official_account", address: string) {
  await env.DB.prepare("insert or replace into contacts (user, channel, address, verified) values (?, ?, ?, 1)").bind(user.user.id, channel, address).run();
}

/** Makes the user established, reading on `channel`: `n` earlier notifications each read first there. */
async function history(bot: TestBot, user: Session, channel: string, n = 6) {
  for (let i = 0; i < n; i++) {
    const id = `n_hist${user.user.id}_${channel}_${i}`;
    await env.DB.batch([
      env.DB.prepare("insert into notifications (id, bot, user, text, importance, mode, created_at, send_at) values (?, ?, ?, 'old', 'normal', 'all', ?, ?)").bind(id, bot.id, user.user.id, i, i),
      env.DB.prepare("insert into read_feedback (user, notification, channel, first, via, at) values (?, ?, ?, 1, 'link', ?)").bind(user.user.id, id, channel, 1000 + i),
    ]);
  }
}

const outbox = async (user: Session) => (await call("GET", `/api/v1/sandbox/outbox?userId=${user.user.id}`)).body.items as any[];
const report = async (bot: TestBot, id: string) => (await bot.api("getNotification", { notification_id: id })).result;
const statusOf = (r: any, channel: string) => r.deliveries.find((d: any) => d.channel === channel)?.status;

describe("notifications", () => {
  it("a new user gets every reachable channel: in-app with a read button, and e-mail through the sandbox with a tracked link", async () => {
    const { bot, user } = await setUp();
    await verified(user, "email", "usr@example.com");
    const socket = await connect(user);
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "Your order shipped", importance: "normal", link_url: "https://shop.example/orders/1" });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(sent.result.mode).toBe("all");
    expect(sent.result.channels.sort()).toEqual(["email", "in_app"]);
    const frame = await socket.next((f) => f.type === "message" && f.message.text === "Your order shipped", 10_000);
    const buttons = frame.message.replyMarkup.inline_keyboard.flat();
    expect(buttons[0].callback_data).toMatch(/^sb:read:/);
    expect(buttons[1].url).toMatch(/\/r\/[A-Za-z0-9_-]+$/);
    const mail = await eventually(() => outbox(user), (items) => items.some((i) => i.channel === "email"), "e-mail in the sandbox");
    expect(mail[0]).toMatchObject({ channel: "email", to: "usr@example.com", text: expect.stringContaining("Your order shipped"), link: expect.stringMatching(/\/r\//) });
    const r = await eventually(() => report(bot, sent.result.notification_id), (x) => x.deliveries.every((d: any) => d.status === "sent"), "both sent");
    expect(r.deliveries.map((d: any) => d.channel).sort()).toEqual(["email", "in_app"]);

    // The e-mail's tracked link: a 302 to the link, a first read on e-mail; the button after it is a read, not a first.
    const token = mail[0].link.split("/r/")[1];
    const hop = await exports.default.fetch(new Request(`http://switchboard.test/r/${token}`, { redirect: "manual" }));
    expect([hop.status, hop.headers.get("Location")]).toEqual([302, "https://shop.example/orders/1"]);
    const press = await call("POST", `/api/v1/chats/${bot.id}/callback`, { token: user.token, json: { messageId: frame.message.id, data: buttons[0].callback_data } });
    expect(press.status).toBe(200);
    await socket.next((f) => f.type === "callback_answer" && f.messageId === frame.message.id && f.text === "Marked as read");
    socket.ws.close();
    const read = await report(bot, sent.result.notification_id);
    expect(read.deliveries.find((d: any) => d.channel === "email")).toMatchObject({ status: "read", first_read: true });
    expect(read.deliveries.find((d: any) => d.channel === "in_app")).toMatchObject({ status: "read", first_read: false });
    // A second click changes nothing; an unknown token is a 404.
    await exports.default.fetch(new Request(`http://switchboard.test/r/${token}`, { redirect: "manual" }));
    const rows = await env.DB.prepare("select count(*) as n from read_feedback where notification = ?").bind(sent.result.notification_id).first<{ n: number }>();
    expect(rows!.n).toBe(2);
    expect((await exports.default.fetch(new Request("http://switchboard.test/r/AAAAAAAAAAAAAAAAAAAA"))).status).toBe(404);
    // The bot never heard of the read button.
    const updates = (await bot.api("getUpdates", { timeout: 0 })).result;
    expect(updates.some((u: any) => u.callback_query)).toBe(false);
  });

  it("a dedup key makes a retry a no-op; a user who did not start the bot is refused; bad parameters are 400s", async () => {
    const { bot, user } = await setUp();
    const a = await bot.api("sendNotification", { user_id: user.user.id, text: "once", importance: "high", dedup_key: "order-7" });
    const b = await bot.api("sendNotification", { user_id: user.user.id, text: "once", importance: "high", dedup_key: "order-7" });
    expect(b.result.notification_id).toBe(a.result.notification_id);
    const n = await env.DB.prepare("select count(*) as n from notifications where user = ?").bind(user.user.id).first<{ n: number }>();
    expect(n!.n).toBe(1);
    const stranger = await register("str");
    const refused = await bot.api("sendNotification", { user_id: stranger.user.id, text: "hi" });
    expect([refused.ok, refused.error_code]).toEqual([false, 403]);
    for (const bad of [{ user_id: user.user.id, text: "" }, { user_id: user.user.id, text: "x", importance: "critical" }, { user_id: "me", text: "x" }, { user_id: user.user.id, text: "x", link_url: "javascript:alert(1)" }]) {
      const r = await bot.api("sendNotification", bad);
      expect([r.ok, r.error_code], JSON.stringify(bad)).toEqual([false, 400]);
    }
    expect((await bot.api("getNotification", { notification_id: "n_nope" })).error_code).toBe(400);
  });

  it("an established user gets the learned primary; no read by the check: the secondary gets it, once; a read in time: nothing more", async () => {
    const { bot, user } = await setUp();
    await verified(user, "email", "est@example.com");
    await history(bot, user, "email");
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "learned", importance: "urgent" });
    expect(sent.result).toMatchObject({ mode: "learned", channels: ["email"] });
    await eventually(() => report(bot, sent.result.notification_id), (x) => statusOf(x, "email") === "sent", "primary sent");
    const id = sent.result.notification_id;
    // The check comes due (the queue holds it for the urgent timeout; run it now), twice as a redelivery would.
    await runJob(open(env.DB), env, { kind: "check", notification: id }, Date.now());
    await runJob(open(env.DB), env, { kind: "check", notification: id }, Date.now());
    const r = await report(bot, id);
    expect(r.deliveries.map((d: any) => [d.channel, d.status])).toEqual([["email", "sent"], ["in_app", "sent"]]);
    const inApp = await env.DB.prepare("select count(*) as n from deliveries where notification = ? and channel = 'in_app'").bind(id).first<{ n: number }>();
    expect(inApp!.n).toBe(1);

    // Read in time: the check finds the read and sends nothing.
    const second = await bot.api("sendNotification", { user_id: user.user.id, text: "read soon", importance: "urgent", link_url: "https://x.example/" });
    const mail = await eventually(() => outbox(user), (items) => items.some((i) => i.text.includes("read soon")), "mail");
    const token = mail.find((i) => i.text.includes("read soon")).link.split("/r/")[1];
    await exports.default.fetch(new Request(`http://switchboard.test/r/${token}`, { redirect: "manual" }));
    await runJob(open(env.DB), env, { kind: "check", notification: second.result.notification_id }, Date.now());
    expect((await report(bot, second.result.notification_id)).deliveries.map((d: any) => d.channel)).toEqual(["email"]);
  });

  it("a primary that fails outright falls back at once", async () => {
    const { bot, user } = await setUp();
    await verified(user, "email", "fails@example.com");
    await history(bot, user, "in_app");
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "fallback now", importance: "low" });
    expect(sent.result).toMatchObject({ mode: "learned", channels: ["in_app"] });
    const id = sent.result.notification_id;
    // Between the plan and the send the user blocks the bot: in-app fails, e-mail goes now (not in 12 h).
    await env.DB.prepare("update deliveries set status = 'queued' where notification = ?").bind(id).run();
    expect((await call("POST", `/api/v1/bots/${bot.username}/block`, { token: user.token })).status).toBeLessThan(300);
    await env.DB.prepare("update deliveries set status = 'queued', sent_at = null where notification = ? and channel = 'in_app'").bind(id).run();
    await runJob(open(env.DB), env, { kind: "send", notification: id, channel: "in_app" }, Date.now());
    const r = await report(bot, id);
    expect(r.deliveries.map((d: any) => [d.channel, d.status])).toEqual([["in_app", "failed"], ["email", "sent"]]);
    expect((await outbox(user)).filter((i) => i.text.includes("fallback now"))).toHaveLength(1);
  });

  it("a fallback due later than a queue can delay waits on the bot's actor alarm, then goes through the queue", async () => {
    const { bot, user } = await setUp();
    await verified(user, "email", "later@example.com");
    await history(bot, user, "email");
    const week = 7 * 24 * 3600_000;
    await env.DB.prepare("insert into notify_config (bot, config) values (?, ?)").bind(bot.id, JSON.stringify({ timeoutsMs: { low: week } })).run();
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "in a week", importance: "low" });
    const id = sent.result.notification_id;
    await eventually(() => report(bot, id), (x) => statusOf(x, "email") === "sent", "primary sent");
    const stub = env.BOTS.getByName(String(bot.id));
    const waiting = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec<{ due: number; job: string }>("select due, job from notify_timers").toArray());
    expect(waiting).toHaveLength(1);
    expect(JSON.parse(waiting[0]!.job)).toMatchObject({ kind: "check", notification: id });
    expect(waiting[0]!.due - Date.now()).toBeGreaterThan(week - 60_000);
    // A week passes: the alarm hands the check to the queue; no read came, so in-app gets it.
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec("update notify_timers set due = ?", Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await eventually(() => report(bot, id), (x) => statusOf(x, "in_app") === "sent", "fallback after the alarm");
    const left = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec("select count(*) as n from notify_timers").one().n);
    expect(left).toBe(0);
  });

  it("a job that exhausted its retries is kept from the dead-letter queue for the bot's owner", async () => {
    const { bot, user } = await setUp();
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "doomed", importance: "normal" });
    const acked: string[] = [];
    const message = { id: "m1", timestamp: new Date(), attempts: 6, body: { kind: "send", notification: sent.result.notification_id, channel: "in_app" }, ack: () => acked.push("m1"), retry: () => {} };
    await handleDeadLetters({ queue: "switchboard-notify-jobs-dlq", messages: [message], ackAll: () => {}, retryAll: () => {} } as unknown as MessageBatch<any>, env);
    expect(acked).toEqual(["m1"]);
    const kept = await env.DB.prepare("select bot, body from dead_letters where bot = ?").bind(bot.id).all<{ bot: number; body: string }>();
    expect(kept.results.map((r) => JSON.parse(r.body).notification)).toEqual([sent.result.notification_id]);
  });

  it("a bot's owner sets its planning settings (validated); a reply to the in-app copy is a read", async () => {
    const { bot, user, owner } = await setUp();
    const put = (who: Session, config: unknown) => call("PUT", `/api/v1/bots/${bot.username}/notification-config`, { token: who.token, json: { config } });
    expect((await put(owner, { newUserThreshold: -1 })).status).toBe(400);
    expect((await put(owner, { k3: 1 })).status).toBe(400);
    expect((await put(user, { newUserThreshold: 0 })).status).toBe(403);
    const set = await put(owner, { newUserThreshold: 0 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.config.newUserThreshold).toBe(0);
    // With N = 0 the user is established at once: one channel, the learned mode.
    const socket = await connect(user);
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "reply to me", importance: "normal" });
    expect(sent.result).toMatchObject({ mode: "learned", channels: ["in_app"] });
    const frame = await socket.next((f) => f.type === "message" && f.message.text === "reply to me", 10_000);
    socket.ws.close();
    const reply = await call("POST", `/api/v1/chats/${bot.id}/messages`, { token: user.token, json: { text: "got it", replyTo: frame.message.id } });
    expect(reply.status).toBe(201);
    const r = await eventually(() => report(bot, sent.result.notification_id), (x) => statusOf(x, "in_app") === "read", "read by reply");
    expect(r.deliveries[0].first_read).toBe(true);
    const via = await env.DB.prepare("select via from read_feedback where notification = ?").bind(sent.result.notification_id).first<{ via: string }>();
    expect(via!.via).toBe("reply");
    expect((await put(owner, null)).body.config.newUserThreshold).toBe(5);
  });

  it("quiet hours hold a notification until they end, unless it is urgent", async () => {
    const { bot, user } = await setUp();
    const now = new Date();
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, "0")}:00`;
    const put = await call("PUT", "/api/v1/me/notification-preferences", { token: user.token, json: { quietHours: { start: hh(now.getUTCHours() - 1), end: hh(now.getUTCHours() + 2), timeZone: "UTC" } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const held = await bot.api("sendNotification", { user_id: user.user.id, text: "quiet please", importance: "normal" });
    const row = await env.DB.prepare("select send_at as sendAt, created_at as createdAt from notifications where id = ?").bind(held.result.notification_id).first<{ sendAt: number; createdAt: number }>();
    expect(row!.sendAt - row!.createdAt).toBeGreaterThan(60 * 60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(statusOf(await report(bot, held.result.notification_id), "in_app")).toBe("queued");
    const urgent = await bot.api("sendNotification", { user_id: user.user.id, text: "wake up", importance: "urgent" });
    await eventually(() => report(bot, urgent.result.notification_id), (x) => statusOf(x, "in_app") === "sent", "urgent sent at once");
    expect((await call("PUT", "/api/v1/me/notification-preferences", { token: user.token, json: { quietHours: { start: "25:00", end: "07:00", timeZone: "UTC" } } })).status).toBe(400);
    expect((await call("PUT", "/api/v1/me/notification-preferences", { token: user.token, json: { quietHours: { start: "22:00", end: "07:00", timeZone: "Mars/Olympus" } } })).status).toBe(400);
  });

  it("GET /me/channels shows where the user reads and why each channel ranks where it does; a pin wins", async () => {
    const { bot, user } = await setUp();
    await verified(user, "email", "rank@example.com");
    await history(bot, user, "email", 6);
    const r = await call("GET", "/api/v1/me/channels", { token: user.token });
    expect(r.body).toMatchObject({ established: true, sent: 6 });
    expect(r.body.channels.map((c: any) => [c.channel, c.rank])).toEqual([["email", 1], ["in_app", 2]]);
    expect(r.body.channels[0]).toMatchObject({ reads: 6, firstReads: 6, importance: 6 * 1 + 6 * 2 });
    await call("PUT", "/api/v1/me/notification-preferences", { token: user.token, json: { primary: "in_app" } });
    const pinned = await call("GET", "/api/v1/me/channels", { token: user.token });
    expect(pinned.body.channels.map((c: any) => [c.channel, c.rank, c.pinned])).toEqual([["in_app", 1, true], ["email", 2, false]]);
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "pinned", importance: "high" });
    expect(sent.result).toMatchObject({ mode: "learned", channels: ["in_app"] });
  });
});
