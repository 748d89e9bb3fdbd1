// Cost that grows with the work, not with idle members (issue 7, point 11): live events go
// to members with a socket open; the others catch up when they connect; the chat list is
// read from per-chat heads in D1.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { groupChatKey } from "../../src/chat/chat-ids.ts";
import { befriend, call, connect, register, send } from "./client.ts";

async function group(owner: Awaited<ReturnType<typeof register>>, members: Awaited<ReturnType<typeof register>>[]) {
  for (const m of members) await befriend(owner, m);
  const r = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "g", memberIds: members.map((m) => m.user.id) } });
  expect(r.status).toBe(201);
  return r.body.chat.id as number;
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("fan-out reaches who is online", () => {
  it("sends live events only to members with a socket open, and catches the others up when they connect", async () => {
    const [owner, online, offline] = [await register(), await register(), await register()];
    const gid = await group(owner, [online, offline]);
    const chat = env.CHATS.getByName(groupChatKey(-gid));
    const [ownerSock, onlineSock] = [await connect(owner), await connect(online)];
    expect((await chat.inspect()).live).toEqual([owner.user.id, online.user.id].sort((a, b) => a - b));

    await send(owner, gid, "while you were out");
    await onlineSock.next((f) => f.type === "message" && f.message.text === "while you were out");

    // Connecting makes the member present; a sync brings what was missed.
    const late = await connect(offline);
    expect((await chat.inspect()).live).toContain(offline.user.id);
    late.ws.send(JSON.stringify({ type: "sync", since: { [gid]: 0 } }));
    await late.next((f) => f.type === "synced");
    expect(late.messages().map((f) => f.message.text)).toEqual(["while you were out"]);

    // The last socket closing makes the member absent again.
    late.ws.close(1000);
    await until(() => chat.inspect(), (v) => !v.live.includes(offline.user.id));
    expect((await chat.inspect()).live).not.toContain(offline.user.id);
    ownerSock.ws.close(1000);
  });

  it("gives a socket that connects during a burst every message exactly once, in order", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    const burst = Array.from({ length: 40 }, (_, i) => `burst ${i}`);
    const sending = (async () => {
      for (const text of burst) await send(a, b.user.id, text);
    })();
    await new Promise((r) => setTimeout(r, 30));
    const sock = await connect(b);
    sock.ws.send(JSON.stringify({ type: "sync", since: { [a.user.id]: 0 } }));
    await sending;
    await sock.next((f) => f.type === "message" && f.message.text === "burst 39");
    const ids = sock.messages().map((f) => f.message.id);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});

describe("a socket's first sync after live messages", () => {
  it("still brings what was missed before the first live message", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    for (const text of ["away 1", "away 2", "away 3", "away 4"]) await send(a, b.user.id, text);
    const sock = await connect(b);
    await send(a, b.user.id, "live 5");
    await sock.next((f) => f.type === "message" && f.message.text === "live 5");
    // The client syncs only now, from what it had before it went away.
    sock.ws.send(JSON.stringify({ type: "sync", since: { [a.user.id]: 0 } }));
    await sock.next((f) => f.type === "synced");
    expect(sock.messages().map((f) => f.message.id).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("the chat list reads each chat's head", () => {
  it("shows the last message and unread counts, and follows reads, deletions and newcomers", async () => {
    const [a, b, c] = [await register(), await register(), await register()];
    const gid = await group(a, [b]);
    const list = async (s: typeof a) => (await call("GET", "/api/v1/chats", { token: s.token })).body.chats.find((ch: any) => ch.id === gid);
    expect(await list(b)).toMatchObject({ lastMessage: null, unread: 0 });
    await send(a, gid, "one");
    await send(a, gid, "two");
    const two = await until(() => list(b), (v) => v.lastMessage?.text === "two");
    expect(two).toMatchObject({ unread: 2, lastMessage: { text: "two", chatId: gid } });
    expect(await until(() => list(a), (v) => v.lastMessage?.text === "two")).toMatchObject({ unread: 0 });
    await call("POST", `/api/v1/chats/${gid}/read`, { token: b.token, json: { messageId: 1 } });
    expect(await list(b)).toMatchObject({ unread: 1 });
    await call("DELETE", `/api/v1/chats/${gid}/messages/2`, { token: a.token });
    expect((await list(b)).lastMessage.text).toBe("one");
    await befriend(a, c);
    await call("POST", `/api/v1/chats/${gid}/members`, { token: a.token, json: { userIds: [c.user.id] } });
    expect(await list(c)).toMatchObject({ unread: 0, lastMessage: { text: "one" } });
  });
});
