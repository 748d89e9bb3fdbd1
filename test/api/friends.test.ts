import { describe, expect, it } from "vitest";
import { befriend, call, register, send } from "./client.ts";

describe("friends", () => {
  it("requests, accepts, lists and removes", async () => {
    const [a, b] = [await register(), await register()];
    const req = await call("POST", "/api/v1/friends", { token: a.token, json: { handle: b.user.handle.toUpperCase() } });
    expect(req.status).toBe(201);
    expect(req.body.request).toEqual({ userId: b.user.id, status: "pending" });

    const pending = await call("GET", "/api/v1/friends/requests", { token: b.token });
    expect(pending.body).toEqual({ incoming: [a.user], outgoing: [] });
    expect((await call("GET", "/api/v1/friends/requests", { token: a.token })).body).toEqual({ incoming: [], outgoing: [b.user] });
    expect((await call("GET", "/api/v1/friends", { token: a.token })).body.friends).toEqual([]);

    const accept = await call("POST", `/api/v1/friends/${a.user.id}/accept`, { token: b.token });
    expect(accept.status).toBe(200);
    expect(accept.body.friend).toEqual(a.user);
    expect((await call("GET", "/api/v1/friends", { token: a.token })).body.friends).toEqual([b.user]);
    expect((await call("GET", "/api/v1/friends", { token: b.token })).body.friends).toEqual([a.user]);

    expect((await call("DELETE", `/api/v1/friends/${a.user.id}`, { token: b.token })).status).toBe(200);
    expect((await call("GET", "/api/v1/friends", { token: a.token })).body.friends).toEqual([]);
    expect((await call("DELETE", `/api/v1/friends/${a.user.id}`, { token: b.token })).status).toBe(404);
  });

  it("accepts at once when the other side had asked", async () => {
    const [a, b] = [await register(), await register()];
    await call("POST", "/api/v1/friends", { token: a.token, json: { handle: b.user.handle } });
    const back = await call("POST", "/api/v1/friends", { token: b.token, json: { handle: a.user.handle } });
    expect(back.body.request).toEqual({ userId: a.user.id, status: "accepted" });
    expect((await call("GET", "/api/v1/friends", { token: a.token })).body.friends).toEqual([b.user]);
  });

  it("refuses what makes no sense", async () => {
    const [a, b] = [await register(), await register()];
    expect((await call("POST", "/api/v1/friends", { token: a.token, json: { handle: "nobody_here_at_all" } })).status).toBe(404);
    expect((await call("POST", "/api/v1/friends", { token: a.token, json: { handle: a.user.handle } })).status).toBe(400);
    expect((await call("POST", `/api/v1/friends/${b.user.id}/accept`, { token: a.token })).status).toBe(404);
    expect((await call("POST", `/api/v1/friends/abc/accept`, { token: a.token })).status).toBe(400);
    expect((await call("GET", "/api/v1/friends")).status).toBe(401);
  });

  it("opens the private chat on acceptance, with the peer's id from each side", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    const chatsA = (await call("GET", "/api/v1/chats", { token: a.token })).body.chats;
    expect(chatsA).toEqual([{ id: b.user.id, type: "private", title: b.user.displayName, lastMessage: null, unread: 0 }]);
    const sent = await send(a, b.user.id, "hello");
    expect(sent.status).toBe(201);
    const chatsB = (await call("GET", "/api/v1/chats", { token: b.token })).body.chats;
    expect(chatsB[0]).toMatchObject({ id: a.user.id, type: "private", unread: 1, lastMessage: { id: 1, chatId: a.user.id, text: "hello" } });
  });

  it("lets only friends or fellow group members start a private chat", async () => {
    const [a, b, c] = [await register(), await register(), await register()];
    expect((await send(a, b.user.id, "hi stranger")).status).toBe(403);
    const open = await call("POST", "/api/v1/chats", { token: a.token, json: { type: "private", userId: b.user.id } });
    expect(open.status).toBe(403);

    // b and c meet in a's group: now they may talk privately.
    await befriend(a, b);
    await befriend(a, c);
    await call("POST", "/api/v1/chats", { token: a.token, json: { type: "group", title: "G", memberIds: [b.user.id, c.user.id] } });
    const ok = await call("POST", "/api/v1/chats", { token: b.token, json: { type: "private", userId: c.user.id } });
    expect(ok.status).toBe(201);
    expect(ok.body.chat).toEqual({ id: c.user.id, type: "private", title: c.user.displayName });
    expect((await send(c, b.user.id, "hi from the group")).status).toBe(201);
  });
});
