import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { befriend, call, register, send, type Session } from "./client.ts";

async function groupOf(owner: Session, members: Session[], title = "Team") {
  for (const m of members) await befriend(owner, m);
  const r = await call("POST", "/api/v1/chats", {
    token: owner.token,
    json: { type: "group", title, memberIds: members.map((m) => m.user.id) },
  });
  expect(r.status).toBe(201);
  return r.body.chat as { id: number; type: string; title: string };
}

describe("groups", () => {
  it("creates a group with a negative id, the owner and members", async () => {
    const [o, a, b] = [await register(), await register(), await register()];
    const chat = await groupOf(o, [a, b], "Launch");
    expect(chat.id).toBeLessThan(0);
    expect(chat).toMatchObject({ type: "group", title: "Launch" });
    const d = await call("GET", `/api/v1/chats/${chat.id}`, { token: a.token });
    expect(d.status).toBe(200);
    expect(d.body.chat.members.map((m: any) => [m.id, m.role])).toEqual(
      [[o.user.id, "owner"], [a.user.id, "member"], [b.user.id, "member"]].sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
    for (const s of [o, a, b]) {
      const list = (await call("GET", "/api/v1/chats", { token: s.token })).body.chats;
      expect(list.some((c: any) => c.id === chat.id && c.title === "Launch")).toBe(true);
    }
  });

  it("adds only friends", async () => {
    const [o, stranger] = [await register(), await register()];
    const r = await call("POST", "/api/v1/chats", { token: o.token, json: { type: "group", title: "X", memberIds: [stranger.user.id] } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("not_friends");
  });

  it("enforces roles for adding, removing and promoting", async () => {
    const [o, a, b, c] = [await register(), await register(), await register(), await register()];
    const chat = await groupOf(o, [a, b]);
    await befriend(a, c);
    await befriend(o, c);
    // a plain member may not add
    expect((await call("POST", `/api/v1/chats/${chat.id}/members`, { token: a.token, json: { userIds: [c.user.id] } })).status).toBe(403);
    // a member may not promote; the owner may
    expect((await call("PUT", `/api/v1/chats/${chat.id}/members/${b.user.id}/role`, { token: a.token, json: { role: "admin" } })).status).toBe(403);
    expect((await call("PUT", `/api/v1/chats/${chat.id}/members/${a.user.id}/role`, { token: o.token, json: { role: "admin" } })).status).toBe(200);
    // now the admin adds c
    const add = await call("POST", `/api/v1/chats/${chat.id}/members`, { token: a.token, json: { userIds: [c.user.id] } });
    expect(add.status).toBe(200);
    expect(add.body.added).toEqual([c.user.id]);
    expect((await send(c, chat.id, "hi all")).status).toBe(201);
    // the admin may not remove the owner; may remove a member
    expect((await call("DELETE", `/api/v1/chats/${chat.id}/members/${o.user.id}`, { token: a.token })).status).toBe(403);
    expect((await call("DELETE", `/api/v1/chats/${chat.id}/members/${b.user.id}`, { token: a.token })).status).toBe(200);
    const removed = await call("GET", `/api/v1/chats/${chat.id}/messages`, { token: b.token });
    expect(removed.status).toBe(403);
    expect((await call("GET", "/api/v1/chats", { token: b.token })).body.chats.some((x: any) => x.id === chat.id)).toBe(false);
    // anyone may leave, except the owner
    expect((await call("DELETE", `/api/v1/chats/${chat.id}/members/${c.user.id}`, { token: c.token })).status).toBe(200);
    expect((await call("DELETE", `/api/v1/chats/${chat.id}/members/${o.user.id}`, { token: o.token })).status).toBe(403);
    const members = (await call("GET", `/api/v1/chats/${chat.id}`, { token: o.token })).body.chat.members;
    expect(members.map((m: any) => m.id).sort()).toEqual([o.user.id, a.user.id].sort());
  });

  it("shows each chat's last message and unread count", async () => {
    const [o, a] = [await register(), await register()];
    const chat = await groupOf(o, [a]);
    await send(o, chat.id, "one");
    await send(o, chat.id, "two");
    await send(a, chat.id, "three");
    await send(o, chat.id, "four");
    const list = async (s: Session) => (await call("GET", "/api/v1/chats", { token: s.token })).body.chats.find((x: any) => x.id === chat.id);
    // a's own message counts as read up to it; only "four" is after it
    expect(await list(a)).toMatchObject({ unread: 1, lastMessage: { id: 4, text: "four" } });
    expect(await list(o)).toMatchObject({ unread: 0 });
    const read = await call("POST", `/api/v1/chats/${chat.id}/read`, { token: a.token, json: { messageId: 4 } });
    expect(read.body.read).toEqual({ readId: 4, unread: 0 });
    expect(await list(a)).toMatchObject({ unread: 0 });
    const members = (await call("GET", `/api/v1/chats/${chat.id}`, { token: o.token })).body.chat.members;
    expect(members.find((m: any) => m.id === a.user.id).readId).toBe(4);
  });

  it("creates and grows groups beyond D1's 100 bound parameters per statement", async () => {
    const owner = await register();
    const members = [];
    for (let i = 0; i < 130; i++) members.push(await register());
    // They ask and the owner accepts: 130 requests from one user would meet the hourly quota.
    await Promise.all(members.map((m) => befriend(m, owner)));
    const first = members.slice(0, 110);
    const r = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "Big", memberIds: first.map((m) => m.user.id) } });
    expect(r.status).toBe(201);
    const added = await call("POST", `/api/v1/chats/${r.body.chat.id}/members`, { token: owner.token, json: { userIds: members.slice(110).map((m) => m.user.id) } });
    expect(added.body.added.length).toBe(20);
    const d = await call("GET", `/api/v1/chats/${r.body.chat.id}`, { token: members[129]!.token });
    expect(d.body.chat.members.length).toBe(131);
    const listed = await call("GET", "/api/v1/chats", { token: members[0]!.token });
    expect(listed.body.chats.some((c: any) => c.id === r.body.chat.id)).toBe(true);
    const indexed = await env.DB.prepare("SELECT count(*) AS n FROM chat_members WHERE chat_key = ?").bind(`g:${-r.body.chat.id}`).first<{ n: number }>();
    expect(indexed!.n).toBe(131);
  }, 90_000); // 131 sign-ups, each hashing a password
});
