import { describe, expect, it } from "vitest";
import { befriend, call, register, send, type Session } from "./client.ts";

async function pair(): Promise<[Session, Session]> {
  const [a, b] = [await register(), await register()];
  await befriend(a, b);
  return [a, b];
}

describe("messages", () => {
  it("answers the contract shape, with date in Unix seconds", async () => {
    const [a, b] = await pair();
    const before = Math.floor(Date.now() / 1000);
    const r = await send(a, b.user.id, "hello there");
    expect(r.status).toBe(201);
    expect(r.body.message).toEqual({
      id: 1,
      chatId: b.user.id,
      from: { id: a.user.id, handle: a.user.handle, displayName: a.user.displayName },
      date: expect.any(Number),
      text: "hello there",
    });
    expect(r.body.message.date).toBeGreaterThanOrEqual(before - 1);
    expect(r.body.message.date).toBeLessThan(before + 60);
  });

  it("numbers 50 concurrent sends 1..50 with no gap and no duplicate", async () => {
    const [a, b] = await pair();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => send(i % 2 ? a : b, i % 2 ? b.user.id : a.user.id, `m${i}`)),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const ids = results.map((r) => r.body.message.id).sort((x, y) => x - y);
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const history = await call("GET", `/api/v1/chats/${b.user.id}/messages?limit=100`, { token: a.token });
    expect(history.body.messages.map((m: any) => m.id)).toEqual(ids);
    const texts = new Set(history.body.messages.map((m: any) => m.text));
    expect(texts.size).toBe(50);
  });

  it("gives back the same message for the same clientMsgId, even concurrently", async () => {
    const [a, b] = await pair();
    const first = await send(a, b.user.id, "once", { clientMsgId: "c-1" });
    const again = await send(a, b.user.id, "once", { clientMsgId: "c-1" });
    expect(again.status).toBe(201);
    expect(again.body.message).toEqual(first.body.message);
    const burst = await Promise.all(Array.from({ length: 5 }, () => send(a, b.user.id, "burst", { clientMsgId: "c-2" })));
    expect(new Set(burst.map((r) => r.body.message.id)).size).toBe(1);
    // a key whose message was deleted is spent: 409, not a second message
    const gone = (await send(a, b.user.id, "regret", { clientMsgId: "c-3" })).body.message;
    await call("DELETE", `/api/v1/chats/${b.user.id}/messages/${gone.id}`, { token: a.token });
    expect((await send(a, b.user.id, "regret", { clientMsgId: "c-3" })).status).toBe(409);
    // the key is the sender's: the other member using the same key sends a new message
    const other = await send(b, a.user.id, "mine", { clientMsgId: "c-1" });
    expect(other.body.message.id).not.toBe(first.body.message.id);
    const history = await call("GET", `/api/v1/chats/${b.user.id}/messages`, { token: a.token });
    expect(history.body.messages.map((m: any) => m.text)).toEqual(["once", "burst", "mine"]);
  });

  it("pages history oldest first, forward with after and backward with before", async () => {
    const [a, b] = await pair();
    for (let i = 1; i <= 7; i++) await send(a, b.user.id, `n${i}`);
    const page = async (q: string) => {
      const r = await call("GET", `/api/v1/chats/${a.user.id}/messages?${q}`, { token: b.token });
      expect(r.status, `${q}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body.messages.map((m: any) => m.id);
    };
    expect(await page("after=0&limit=3")).toEqual([1, 2, 3]);
    expect(await page("after=3&limit=3")).toEqual([4, 5, 6]);
    expect(await page("after=6")).toEqual([7]);
    expect(await page("after=7")).toEqual([]);
    expect(await page("before=6&limit=2")).toEqual([4, 5]);
    expect(await page("before=2147483647&limit=3")).toEqual([5, 6, 7]);
    for (const bad of ["limit=0", "limit=101", "after=-1", "after=x", "before=0"]) {
      expect((await call("GET", `/api/v1/chats/${a.user.id}/messages?${bad}`, { token: b.token })).status).toBe(400);
    }
  });

  it("replies, edits and deletes with the author's rights", async () => {
    const [a, b] = await pair();
    const m1 = (await send(a, b.user.id, "first")).body.message;
    const reply = await send(b, a.user.id, "answer", { replyTo: m1.id });
    expect(reply.body.message.replyTo).toBe(m1.id);
    expect((await send(b, a.user.id, "to nothing", { replyTo: 99 })).status).toBe(400);

    expect((await call("PATCH", `/api/v1/chats/${a.user.id}/messages/${m1.id}`, { token: b.token, json: { text: "hijack" } })).status).toBe(403);
    const edited = await call("PATCH", `/api/v1/chats/${b.user.id}/messages/${m1.id}`, { token: a.token, json: { text: "first (edited)" } });
    expect(edited.status).toBe(200);
    expect(edited.body.message).toMatchObject({ id: m1.id, text: "first (edited)", editDate: expect.any(Number) });

    expect((await call("DELETE", `/api/v1/chats/${a.user.id}/messages/${m1.id}`, { token: b.token })).status).toBe(403);
    expect((await call("DELETE", `/api/v1/chats/${b.user.id}/messages/${m1.id}`, { token: a.token })).status).toBe(200);
    expect((await call("DELETE", `/api/v1/chats/${b.user.id}/messages/${m1.id}`, { token: a.token })).status).toBe(404);
    const history = await call("GET", `/api/v1/chats/${b.user.id}/messages`, { token: a.token });
    expect(history.body.messages.map((m: any) => m.text)).toEqual(["answer"]);
    // ids are never reused after a delete
    expect((await send(a, b.user.id, "next")).body.message.id).toBe(3);
  });

  it("answers non-members 403 and tells them nothing about the chat", async () => {
    const [a, b] = await pair();
    const outsider = await register();
    await call("POST", "/api/v1/chats", { token: a.token, json: { type: "group", title: "Secret", memberIds: [b.user.id] } });
    const group = (await call("GET", "/api/v1/chats", { token: a.token })).body.chats.find((c: any) => c.type === "group");
    await send(a, group.id, "classified");
    const probes = [
      ["GET", `/api/v1/chats/${group.id}/messages`],
      ["GET", `/api/v1/chats/${group.id}`],
      ["POST", `/api/v1/chats/${group.id}/messages`, { text: "let me in" }],
      ["POST", `/api/v1/chats/${group.id}/read`, { messageId: 1 }],
      ["POST", `/api/v1/chats/${group.id}/typing`],
      ["PATCH", `/api/v1/chats/${group.id}/messages/1`, { text: "x" }],
      ["DELETE", `/api/v1/chats/${group.id}/messages/1`],
    ] as const;
    for (const [method, path, json] of probes) {
      const real = await call(method, path, { token: outsider.token, json });
      const missing = await call(method, path.replace(String(group.id), "-999999"), { token: outsider.token, json });
      expect(real.status, `${method} ${path}`).toBe(403);
      expect(real.body).toEqual(missing.body); // an existing chat looks like a missing one
    }
    const history = await call("GET", `/api/v1/chats/${group.id}/messages`, { token: b.token });
    expect(history.body.messages.map((m: any) => m.text)).toEqual(["classified"]);
  });

  it("refuses a button press on a message without that button", async () => {
    const [a, b] = await pair();
    const m = (await send(a, b.user.id, "no buttons here")).body.message;
    const press = await call("POST", `/api/v1/chats/${a.user.id}/callback`, { token: b.token, json: { messageId: m.id, data: "x" } });
    expect(press.status).toBe(400);
    expect(press.body.error.code).toBe("no_such_button");
    const missing = await call("POST", `/api/v1/chats/${a.user.id}/callback`, { token: b.token, json: { messageId: 42, data: "x" } });
    expect(missing.status).toBe(404);
  });
});
