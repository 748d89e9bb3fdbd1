// Per-user quotas: each answers 429 quota_exceeded with its reason (and Retry-After when a
// window applies) before anything is stored. Counters that would take minutes to fill for
// real are set in D1 directly, as if the user had spent them today.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { befriend, call, connect, register, send, uniqueHandle, type Session } from "./client.ts";
import { createBot } from "./bot-helpers.ts";

/** Sets a counter as spent in the current window (waiting out a window about to turn over). */
async function spent(subject: string, quota: string, count: number, windowSeconds: number) {
  let now = Date.now() / 1000;
  const left = windowSeconds - (now % windowSeconds);
  if (left < 3) await new Promise((r) => setTimeout(r, left * 1000 + 100));
  now = Math.floor(Date.now() / 1000);
  const start = Math.floor(now / windowSeconds) * windowSeconds;
  await env.DB.prepare(
    `INSERT INTO quota_counters (subject, quota, window_start, count) VALUES (?, ?, ?, ?)
     ON CONFLICT (subject, quota) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`,
  )
    .bind(subject, quota, start, count)
    .run();
}

function expectQuota(r: { status: number; body: any; response: Response }, windowSeconds: number | null) {
  expect(r.status).toBe(429);
  expect(r.body.error.code).toBe("quota_exceeded");
  expect(typeof r.body.error.message).toBe("string");
  const retry = r.response.headers.get("Retry-After");
  if (windowSeconds === null) expect(retry).toBeNull();
  else {
    expect(Number(retry)).toBeGreaterThan(0);
    expect(Number(retry)).toBeLessThanOrEqual(windowSeconds);
  }
}

const png = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

async function chatCount(s: Session): Promise<number> {
  return (await call("GET", "/api/v1/chats", { token: s.token })).body.chats.length;
}

describe("quotas", () => {
  it("groups created per day: the 51st is refused and no group is made", async () => {
    const a = await register();
    await spent(`u:${a.user.id}`, "groupsCreated", 50, 86400);
    const r = await call("POST", "/api/v1/chats", { token: a.token, json: { type: "group", title: "one too many" } });
    expectQuota(r, 86400);
    expect(r.body.error.message).toContain("50 groups a day");
    expect(await chatCount(a)).toBe(0);
  });

  it("a user cannot be piled into groups by others: 20 adds a day, then 429, at creation and by adding", async () => {
    const [owner, target, other] = [await register(), await register(), await register()];
    await befriend(owner, target);
    await befriend(owner, other);
    for (let i = 0; i < 20; i++) {
      const r = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: `g${i}`, memberIds: [target.user.id] } });
      expect(r.status).toBe(201);
    }
    const created = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "g20", memberIds: [target.user.id, other.user.id] } });
    expectQuota(created, 86400);
    expect(created.body.error.message).toContain("20 groups a day");
    // All or nothing: the refused group spent nobody's quota, and others can still be added.
    const empty = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "without him" } });
    expect(empty.status).toBe(201);
    const added = await call("POST", `/api/v1/chats/${empty.body.chat.id}/members`, { token: owner.token, json: { userIds: [target.user.id] } });
    expectQuota(added, 86400);
    expect((await call("POST", `/api/v1/chats/${empty.body.chat.id}/members`, { token: owner.token, json: { userIds: [other.user.id] } })).status).toBe(200);
    expect(await chatCount(target)).toBe(21); // 20 groups and the private chat
  });

  it("a user in 500 groups cannot be added to another", async () => {
    const [owner, target] = [await register(), await register()];
    await befriend(owner, target);
    const rows = Array.from({ length: 500 }, (_, i) => env.DB.prepare("INSERT INTO chat_members (chat_key, user_id) VALUES (?, ?)").bind(`g:${9_000_000 + i}`, target.user.id));
    await env.DB.batch(rows);
    const r = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "full", memberIds: [target.user.id] } });
    expectQuota(r, null);
    expect(r.body.error.message).toContain(String(target.user.id));
  });

  it("bots per owner: the 21st bot is refused, for good (no Retry-After)", async () => {
    const owner = await register();
    for (let i = 0; i < 20; i++) await createBot(owner);
    const r = await call("POST", "/api/v1/bots", { token: owner.token, json: { username: `${uniqueHandle("x")}_bot`, name: "one more" } });
    expectQuota(r, null);
    expect((await call("GET", "/api/v1/bots/mine", { token: owner.token })).body.bots).toHaveLength(20);
  });

  it("friend requests per hour: refused past 30, while accepting someone's request still works", async () => {
    const [a, b, c] = [await register(), await register(), await register()];
    await call("POST", "/api/v1/friends", { token: c.token, json: { handle: a.user.handle } });
    await spent(`u:${a.user.id}`, "friendRequests", 30, 3600);
    const r = await call("POST", "/api/v1/friends", { token: a.token, json: { handle: b.user.handle } });
    expectQuota(r, 3600);
    expect((await call("GET", "/api/v1/friends/requests", { token: b.token })).body.incoming).toEqual([]);
    const accept = await call("POST", "/api/v1/friends", { token: a.token, json: { handle: c.user.handle } });
    expect(accept.status).toBe(201);
    expect(accept.body.request.status).toBe("accepted");
  });

  it("messages per minute: the 121st is refused and not stored", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    expect((await send(a, b.user.id, "before")).status).toBe(201);
    await spent(`u:${a.user.id}`, "messages", 120, 60);
    const r = await send(a, b.user.id, "one too many");
    expectQuota(r, 60);
    const history = await call("GET", `/api/v1/chats/${a.user.id}/messages`, { token: b.token });
    expect(history.body.messages.map((m: any) => m.text)).toEqual(["before"]);
    expect((await send(b, a.user.id, "b is not limited by a's count")).status).toBe(201);
  });

  it("votes and reactions per minute: the 121st is refused and changes nothing; a refused one is given back", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await call("POST", `/api/v1/bots/${bot.username}/start`, { token: user.token, json: {} });
    const poll = await bot.api("sendPoll", { chat_id: user.user.id, question: "Tea?", options: ["Green", "Black"] });
    const id = poll.result.message_id;
    const vote = (messageId: number) => call("POST", `/api/v1/chats/${bot.id}/messages/${messageId}/vote`, { token: user.token, json: { options: [0] } });
    const react = () => call("POST", `/api/v1/chats/${bot.id}/messages/${id}/reactions`, { token: user.token, json: { emoji: "👍" } });
    await spent(`u:${user.user.id}`, "interactions", 119, 60);
    expect((await vote(9999)).status).toBe(404); // refused by the chat: given back
    expect((await vote(id)).status).toBe(200); // the 120th
    const refused = await react();
    expectQuota(refused, 60);
    expect(refused.body.error.message).toContain("120 times a minute");
    expectQuota(await vote(id), 60);
    const shown = (await call("GET", `/api/v1/chats/${bot.id}/messages`, { token: user.token })).body.messages.find((m: any) => m.id === id);
    expect(shown.poll.totalVoterCount).toBe(1);
    expect(shown.reactions).toBeUndefined();
  });

  it("upload bytes per day: an upload past 1 GiB is refused before it is stored", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    await spent(`u:${a.user.id}`, "uploadBytes", 1024 ** 3 - 10, 86400);
    const f = new FormData();
    f.set("file", new Blob([png], { type: "image/png" }), "dot.png");
    const r = await call("POST", `/api/v1/chats/${b.user.id}/media`, { token: a.token, body: f });
    expectQuota(r, 86400);
    expect((await env.MEDIA.list({ prefix: `p:${Math.min(a.user.id, b.user.id)}:` })).objects).toEqual([]);
    expect((await send(a, b.user.id, "text still goes")).status).toBe(201);
  });

  it("sign-ups per address: 200 an hour from one address, others unaffected", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const signUp = (ip: string) =>
      call("POST", "/api/v1/auth/register", { json: { handle: uniqueHandle(), password: "correct horse battery" }, headers: { "CF-Connecting-IP": ip } });
    await spent(`addr:${address}`, "signups", 150, 3600); // a classroom has signed up already
    expect((await signUp(address)).status).toBe(201);
    await spent(`addr:${address}`, "signups", 200, 3600);
    expectQuota(await signUp(address), 3600);
    expect((await signUp("203.0.113.9")).status).toBe(201);
  });

  it("open sockets per user: the 21st closes the oldest with a clear code", async () => {
    const a = await register();
    const first = await connect(a);
    const closed = new Promise<CloseEvent>((resolve) => first.ws.addEventListener("close", (e) => resolve(e as CloseEvent)));
    const rest = [];
    for (let i = 0; i < 19; i++) rest.push(await connect(a));
    const newest = await connect(a);
    const e = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    expect(e?.code).toBe(4002);
    expect(e?.reason).toContain("too many open connections");
    // The newest and the 19 in between stay open.
    for (const s of [...rest, newest]) expect(s.ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
    for (const s of [...rest, newest]) s.ws.close();
  });
});
