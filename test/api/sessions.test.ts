// Sessions end everywhere, logins resist guessing, weak passwords are refused (issue 7,
// points 1 and 2).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createBot } from "./bot-helpers.ts";
import { befriend, call, connect, register, send, uniqueHandle } from "./client.ts";

/** Resolves with the close code once the socket closes. */
function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.addEventListener("close", (e: CloseEvent) => resolve(e.code)));
}

async function login(handle: string, password = "correct horse battery", headers: Record<string, string> = {}) {
  return call("POST", "/api/v1/auth/login", { json: { handle, password }, headers });
}

describe("sessions", () => {
  it("logout closes every socket of that session, and only of that session", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    const second = (await login(b.user.handle)).body.token as string;
    const [old, other] = [await connect(b), await connect({ ...b, token: second })];
    const oldClosed = closed(old.ws);
    expect((await call("POST", "/api/v1/auth/logout", { token: b.token })).status).toBe(200);
    expect(await oldClosed).toBe(4001);
    await send(a, b.user.id, "after logout");
    await other.next((f) => f.type === "message" && f.message.text === "after logout");
    expect(old.messages().map((f) => f.message.text)).not.toContain("after logout");
    expect((await call("GET", "/api/v1/me", { token: b.token })).status).toBe(401);
  });

  it("a sync on a socket whose session ended gets nothing and closes the socket", async () => {
    const [a, b] = [await register(), await register()];
    await befriend(a, b);
    await send(a, b.user.id, "history one");
    const s = await connect(b);
    // The session ends where the UserActor does not hear of it (expiry, or a lost call).
    await env.DB.prepare("UPDATE sessions SET expires_at = 0 WHERE user_id = ?").bind(b.user.id).run();
    const wasClosed = closed(s.ws);
    s.ws.send(JSON.stringify({ type: "sync", since: { [a.user.id]: 0 } }));
    expect(await wasClosed).toBe(4001);
    expect(s.messages()).toEqual([]);
  });

  it("lists a user's sessions and logs out everywhere", async () => {
    const a = await register();
    await login(a.user.handle, undefined, { "User-Agent": "TestBrowser/1.0" });
    const list = await call("GET", "/api/v1/me/sessions", { token: a.token });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.filter((s: any) => s.current)).toHaveLength(1);
    expect(list.body.sessions.map((s: any) => s.userAgent)).toContain("TestBrowser/1.0");
    expect(JSON.stringify(list.body)).not.toContain(a.token);
    const sock = await connect(a);
    const sockClosed = closed(sock.ws);
    expect((await call("DELETE", "/api/v1/me/sessions", { token: a.token })).body).toEqual({ ended: 2 });
    expect(await sockClosed).toBe(4001);
    expect((await call("GET", "/api/v1/me", { token: a.token })).status).toBe(401);
  });

  it("ends one named session, and no one else's", async () => {
    const [a, b] = [await register(), await register()];
    const other = (await login(a.user.handle)).body.token as string;
    const id = (await call("GET", "/api/v1/me/sessions", { token: other })).body.sessions.find((s: any) => s.current).id;
    expect((await call("DELETE", `/api/v1/me/sessions/${id}`, { token: b.token })).status).toBe(404);
    expect((await call("GET", "/api/v1/me", { token: other })).status).toBe(200);
    expect((await call("DELETE", `/api/v1/me/sessions/${id}`, { token: a.token })).status).toBe(200);
    expect((await call("GET", "/api/v1/me", { token: other })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { token: a.token })).status).toBe(200);
  });

  it("a password change ends every other session and its sockets, and keeps this one", async () => {
    const a = await register();
    const other = (await login(a.user.handle)).body.token as string;
    const sock = await connect({ ...a, token: other });
    const sockClosed = closed(sock.ws);
    const wrong = await call("POST", "/api/v1/me/password", { token: a.token, json: { currentPassword: "nope nope nope", newPassword: "violet-harbour-42" } });
    expect(wrong.status).toBe(403);
    const weak = await call("POST", "/api/v1/me/password", { token: a.token, json: { currentPassword: "correct horse battery", newPassword: "12345678" } });
    expect(weak.status).toBe(400);
    const r = await call("POST", "/api/v1/me/password", { token: a.token, json: { currentPassword: "correct horse battery", newPassword: "violet-harbour-42" } });
    expect(r.body).toEqual({ ok: true, endedSessions: 1 });
    expect(await sockClosed).toBe(4001);
    expect((await call("GET", "/api/v1/me", { token: other })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { token: a.token })).status).toBe(200);
    expect((await login(a.user.handle)).status).toBe(401);
    expect((await login(a.user.handle, "violet-harbour-42")).status).toBe(200);
  });

  it("a rotated bot token ends the long poll waiting on the old one", async () => {
    const owner = await register();
    const bot = await createBot(owner);
    const poll = bot.api("getUpdates", { timeout: 30 });
    await new Promise((r) => setTimeout(r, 100));
    const rotated = await call("POST", `/api/v1/bots/${bot.username}/token`, { token: owner.token });
    expect(rotated.status).toBe(200);
    const answer = await poll;
    expect(answer).toMatchObject({ ok: false, error_code: 401 });
  });
});

describe("logins", () => {
  /** Wrong guesses until the first 429 (a slow machine may let a short back-off pass between two). */
  async function guessUntilThrottled(handle: string, headers: Record<string, string> = {}) {
    for (let i = 0; i < 12; i++) {
      const r = await login(handle, `wrong guess ${i}`, headers);
      if (r.status === 429) return { attempts: i, answer: r };
      expect(r.status).toBe(401);
    }
    throw new Error("never throttled");
  }

  it("backs off after a few failures with 429 and Retry-After, even for the right password", async () => {
    const a = await register();
    const address = { "CF-Connecting-IP": "203.0.113.7" };
    const { attempts, answer } = await guessUntilThrottled(a.user.handle, address);
    expect(attempts).toBeGreaterThanOrEqual(5); // the first five cost nothing
    expect(Number(answer.response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(answer.body.error.code).toBe("too_many_attempts");
    const key = `handle:${a.user.handle.toLowerCase()}`;
    const counted = async () => (await env.DB.prepare("SELECT failures FROM login_failures WHERE key = ?").bind(key).first<{ failures: number }>())!.failures;
    const before = await counted();
    // From another address too, and with the right password: the handle itself is throttled.
    expect((await login(a.user.handle, "correct horse battery", { "CF-Connecting-IP": "198.51.100.9" })).status).toBe(429);
    expect(await counted()).toBe(before); // a refused attempt is not tried, so not counted
  });

  it("counts an unknown handle's failures like a known one's", async () => {
    const { attempts } = await guessUntilThrottled(uniqueHandle());
    expect(attempts).toBeGreaterThanOrEqual(5);
  });

  it("refuses weak passwords at registration", async () => {
    for (const password of ["12345678", "password1", "qwertyuiop", "aaaaaaaaaa"]) {
      const r = await call("POST", "/api/v1/auth/register", { json: { handle: uniqueHandle(), password } });
      expect(r.status, password).toBe(400);
      expect(r.body.error.code).toBe("weak_password");
    }
    const handle = uniqueHandle();
    const own = await call("POST", "/api/v1/auth/register", { json: { handle, password: `${handle}1` } });
    expect(own.status).toBe(400);
  });
});
