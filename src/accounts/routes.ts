import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Env } from "../env.ts";
import { open, type Db } from "../platform/d1.ts";
import { HttpError } from "../platform/errors.ts";
import { body, parse } from "../platform/validate.ts";
import { hashPassword, hashToken, newSessionToken, verifyPassword, verifyNothing } from "./credentials.ts";
import { passwordProblem } from "./password-strength.ts";
import {
  clearFailures,
  createUser,
  endOtherSessions,
  endSessions,
  failureCounts,
  findByHandle,
  saveFailureCount,
  saveSession,
  sessionsOf,
  setPasswordHash,
} from "./queries.ts";
import { addressSubject, spendOrRefuse } from "./quotas.ts";
import type { AppEnv } from "./session.ts";
import { addressPolicy, afterFailure, handlePolicy, waitBefore } from "./throttle.ts";

export const handle = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{2,31}$/, "must be 3-32 letters, digits or _, starting with a letter");
const password = z.string().min(8, "must be at least 8 characters").max(256, "must be at most 256 characters");
const displayName = z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters");

const registration = z.object({ handle, password, displayName: displayName.optional() });
const credentials = z.object({ handle: z.string().max(64), password: z.string().max(256) });
const passwordChange = z.object({ currentPassword: z.string().max(256), newPassword: password });
/** A session is named to its owner by a prefix of its token's hash: enough to tell them apart, useless as a token. */
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{16}$/, "is not a session id");

/** The client's address as Cloudflare reports it; locally every request comes from one place. */
function clientAddress(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}

function requireStrong(pw: string, userInputs: string[]): void {
  const problem = passwordProblem(pw, userInputs);
  if (problem) throw new HttpError(400, "weak_password", `password: ${problem}`);
}

/** Open routes: register and log in. */
export const auth = new Hono<AppEnv>()
  .post("/register", async (c) => {
    const input = await body(c, registration);
    if (input.handle.toLowerCase().endsWith("bot")) {
      throw new HttpError(400, "bad_request", "handle: names ending in 'bot' are kept for bots");
    }
    requireStrong(input.password, [input.handle, input.displayName ?? ""]);
    await spendOrRefuse(c, [{ subject: addressSubject(clientAddress(c)), quota: "signups" }]);
    const db = open(c.env.DB);
    const user = await createUser(db, input.handle, input.displayName ?? input.handle, await hashPassword(input.password));
    if (!user) throw new HttpError(409, "handle_taken", `the handle ${input.handle} is taken`);
    const token = await startSession(c, user.id);
    return c.json({ user, token }, 201);
  })
  .post("/login", async (c) => {
    const input = await body(c, credentials);
    const db = open(c.env.DB);
    const keys = { handle: `handle:${input.handle.toLowerCase()}`, address: `addr:${clientAddress(c)}` };
    const counts = await failureCounts(db, [keys.handle, keys.address]);
    const now = Math.floor(Date.now() / 1000);
    const wait = Math.max(waitBefore(counts.get(keys.handle) ?? null, handlePolicy, now), waitBefore(counts.get(keys.address) ?? null, addressPolicy, now));
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      throw new HttpError(429, "too_many_attempts", `too many failed logins; try again in ${wait} s`);
    }
    const found = await findByHandle(db, input.handle);
    // An unknown handle costs what a wrong password costs, and gets the same answer: a login
    // reveals neither which accounts exist nor, by its time, which do not.
    const valid = found && !found.isBot ? await verifyPassword(input.password, found.passwordHash) : await verifyNothing(input.password);
    if (!found || found.isBot || !valid) {
      await Promise.all([
        saveFailureCount(db, keys.handle, afterFailure(counts.get(keys.handle) ?? null, handlePolicy, now)),
        saveFailureCount(db, keys.address, afterFailure(counts.get(keys.address) ?? null, addressPolicy, now)),
      ]);
      throw new HttpError(401, "bad_credentials", "wrong handle or password");
    }
    await clearFailures(db, keys.handle);
    const token = await startSession(c, found.id);
    return c.json({ user: { id: found.id, handle: found.handle, displayName: found.displayName }, token });
  });

/** The account behind the session. */
export const account = new Hono<AppEnv>()
  .post("/auth/logout", async (c) => {
    await closeSessions(c.env, open(c.env.DB), c.get("user").id, [c.get("tokenHash")]);
    return c.json({ ok: true });
  })
  .get("/me", (c) => c.json({ user: c.get("user") }))
  .get("/me/sessions", async (c) => {
    const rows = await sessionsOf(open(c.env.DB), c.get("user").id);
    const sessions = rows.map((s) => ({
      id: s.tokenHash.slice(0, 16),
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      userAgent: s.userAgent,
      current: s.tokenHash === c.get("tokenHash"),
    }));
    return c.json({ sessions });
  })
  // Log out everywhere, this session included.
  .delete("/me/sessions", async (c) => {
    const db = open(c.env.DB);
    const ended = await endOtherSessions(db, c.get("user").id, null);
    await c.env.USERS.getByName(String(c.get("user").id)).endSessions(ended);
    return c.json({ ended: ended.length });
  })
  .delete("/me/sessions/:id", async (c) => {
    const id = parse(sessionId, c.req.param("id"));
    const db = open(c.env.DB);
    const mine = (await sessionsOf(db, c.get("user").id)).filter((s) => s.tokenHash.startsWith(id)).map((s) => s.tokenHash);
    if (!mine.length) throw new HttpError(404, "session_not_found", "you have no session with that id");
    await closeSessions(c.env, db, c.get("user").id, mine);
    return c.json({ ok: true });
  })
  // A new password ends every other session: whoever knew the old one is out.
  .post("/me/password", async (c) => {
    const input = await body(c, passwordChange);
    const me = c.get("user");
    const db = open(c.env.DB);
    const found = await findByHandle(db, me.handle);
    if (!found || !(await verifyPassword(input.currentPassword, found.passwordHash))) {
      throw new HttpError(403, "bad_credentials", "currentPassword: wrong password");
    }
    requireStrong(input.newPassword, [me.handle, me.displayName]);
    await setPasswordHash(db, me.id, await hashPassword(input.newPassword));
    const ended = await endOtherSessions(db, me.id, c.get("tokenHash"));
    await c.env.USERS.getByName(String(me.id)).endSessions(ended);
    return c.json({ ok: true, endedSessions: ended.length });
  });

/** Ends sessions in D1 first (so no request can use them), then closes their sockets. */
async function closeSessions(env: Env, db: Db, userId: number, tokenHashes: string[]): Promise<void> {
  const ended = await endSessions(db, userId, tokenHashes);
  await env.USERS.getByName(String(userId)).endSessions(ended);
}

async function startSession(c: Context<AppEnv>, userId: number): Promise<string> {
  const token = newSessionToken();
  await saveSession(open(c.env.DB), await hashToken(token), userId, c.req.header("User-Agent") ?? "");
  return token;
}
