import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { call, register, uniqueHandle } from "./client.ts";

describe("accounts", () => {
  it("registers, logs in, answers me, and logs out", async () => {
    const handle = uniqueHandle("Alice");
    const reg = await call("POST", "/api/v1/auth/register", { json: { handle, password: "s3cret-pass", displayName: "Alice A." } });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toEqual({ id: expect.any(Number), handle, displayName: "Alice A." });
    expect(typeof reg.body.token).toBe("string");

    const login = await call("POST", "/api/v1/auth/login", { json: { handle: handle.toUpperCase(), password: "s3cret-pass" } });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(reg.body.user.id);
    expect(login.body.token).not.toBe(reg.body.token);

    const me = await call("GET", "/api/v1/me", { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual(reg.body.user);

    expect((await call("POST", "/api/v1/auth/logout", { token: login.body.token })).status).toBe(200);
    expect((await call("GET", "/api/v1/me", { token: login.body.token })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { token: reg.body.token })).status).toBe(200);
  });

  it("stores only a slow hash of the password and a hash of the token", async () => {
    const s = await register();
    const row = await env.DB.prepare("SELECT password_hash FROM users WHERE id = ?").bind(s.user.id).first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(row!.password_hash).not.toContain("correct horse");
    const tokens = await env.DB.prepare("SELECT token_hash FROM sessions WHERE user_id = ?").bind(s.user.id).all<{ token_hash: string }>();
    expect(tokens.results.length).toBe(1);
    expect(tokens.results[0]!.token_hash).not.toBe(s.token);
  });

  it("keeps handles unique regardless of case", async () => {
    const handle = uniqueHandle("Bob");
    expect((await call("POST", "/api/v1/auth/register", { json: { handle, password: "lantern-orbit-9" } })).status).toBe(201);
    const again = await call("POST", "/api/v1/auth/register", { json: { handle: handle.toLowerCase(), password: "copper-kettle-7" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("handle_taken");
  });

  it("answers bad input with 400 and a reason, wrong credentials with 401", async () => {
    const short = await call("POST", "/api/v1/auth/register", { json: { handle: "ab", password: "lantern-orbit-9" } });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/^handle:/);
    const weak = await call("POST", "/api/v1/auth/register", { json: { handle: uniqueHandle(), password: "short" } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/^password:/);
    const notJson = await call("POST", "/api/v1/auth/register", { body: "handle=x", headers: { "Content-Type": "text/plain" } });
    expect(notJson.status).toBe(400);

    const s = await register();
    const wrong = await call("POST", "/api/v1/auth/login", { json: { handle: s.user.handle, password: "not the password" } });
    expect(wrong.status).toBe(401);
    const unknown = await call("POST", "/api/v1/auth/login", { json: { handle: uniqueHandle(), password: "whatever1" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect((await call("GET", "/api/v1/me")).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { token: "forged" })).status).toBe(401);
  });

  it("answers health", async () => {
    expect((await call("GET", "/healthz")).status).toBe(200);
  });
});
