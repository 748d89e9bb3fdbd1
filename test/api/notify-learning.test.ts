// The ranking learns only from reads within the notification's read deadline (plan.ts
// countsForLearning; store.ts readStats): a channel read days late does not outrank one read
// in time, on /me/channels and in the plan sendNotification follows.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/notify/plan.ts";
import { createBot, start } from "./bot-helpers.ts";
import { call, register } from "./client.ts";

describe("learning from reads in time", () => {
  it("late reads are not counted; reads in time are, up to the deadline itself", async () => {
    const [owner, user] = [await register("own"), await register("lrn")];
    const bot = await createBot(owner);
    expect((await start(user, bot)).status).toBeLessThan(300);
    await env.DB.prepare("insert or replace into contacts (user, channel, address, verified) values (?, ?, ?, 1)").bind(user.user.id, "email", "lrn@example.com").run();
    await env.DB.prepare("insert or replace into contacts (user, channel, address, verified) values (?, ?, ?, 1)").bind(user.user.id, "sms", "+15550001111").run();
    const normal = DEFAULT_CONFIG.deadlinesMs.normal;
    // 6 notifications: each read first on e-mail a day late; 2 of them read on SMS exactly at the deadline.
    for (let i = 0; i < 6; i++) {
      const id = `n_lrn${user.user.id}_${i}`;
      const sentAt = 1_000_000 + i * 10 * normal;
      await env.DB.batch([
        env.DB.prepare("insert into notifications (id, bot, user, text, importance, mode, created_at, send_at) values (?, ?, ?, 'old', 'normal', 'all', ?, ?)").bind(id, bot.id, user.user.id, sentAt, sentAt),
        env.DB.prepare("insert into read_feedback (user, notification, channel, first, via, at) values (?, ?, 'email', 1, 'link', ?)").bind(user.user.id, id, sentAt + 86_400_000),
        ...(i < 2 ? [env.DB.prepare("insert into read_feedback (user, notification, channel, first, via, at) values (?, ?, 'sms', 0, 'link', ?)").bind(user.user.id, id, sentAt + normal)] : []),
      ]);
    }
    const r = await call("GET", "/api/v1/me/channels", { token: user.token });
    expect(r.body).toMatchObject({ established: true, sent: 6 });
    const by = (ch: string) => r.body.channels.find((c: any) => c.channel === ch);
    expect([by("email").reads, by("email").firstReads, by("email").importance]).toEqual([0, 0, 0]);
    expect([by("sms").reads, by("sms").firstReads, by("sms").rank]).toEqual([2, 0, 1]);
    const sent = await bot.api("sendNotification", { user_id: user.user.id, text: "now", importance: "normal" });
    expect(sent.result).toMatchObject({ mode: "learned", channels: ["sms"] });
  });
});
