import { Hono } from "hono";
import { z } from "zod";
import { hashPassword, hashToken, newSessionToken, verifyPassword } from "./credentials.ts";
import { createUser, endSession, findByHandle, saveSession } from "./queries.ts";
import { open } from "../platform/d1.ts";
import { HttpError } from "../platform/errors.ts";
import type { AppEnv } from "./session.ts";
import { body } from "../platform/validate.ts";

export const handle = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{2,31}$/, "must be 3-32 letters, digits or _, starting with a letter");
const password = z.string().min(8, "must be at least 8 characters").max(256, "must be at most 256 characters");
const displayName = z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters");

const registration = z.object({ handle, password, displayName: displayName.optional() });
const credentials = z.object({ handle: z.string().max(64), password: z.string().max(256) });

/** Open routes: register and log in. */
export const auth = new Hono<AppEnv>()
  .post("/register", async (c) => {
    const input = await body(c, registration);
    if (input.handle.toLowerCase().endsWith("bot")) {
      throw new HttpError(400, "bad_request", "handle: names ending in 'bot' are kept for bots");
    }
    const db = open(c.env.DB);
    const user = await createUser(db, input.handle, input.displayName ?? input.handle, await hashPassword(input.password));
    if (!user) throw new HttpError(409, "handle_taken", `the handle ${input.handle} is taken`);
    const token = await startSession(c.env.DB, user.id);
    return c.json({ user, token }, 201);
  })
  .post("/login", async (c) => {
    const input = await body(c, credentials);
    const found = await findByHandle(open(c.env.DB), input.handle);
    // Same answer for an unknown handle and a wrong password: a login does not reveal accounts.
    if (!found || found.isBot || !(await verifyPassword(input.password, found.passwordHash))) {
      throw new HttpError(401, "bad_credentials", "wrong handle or password");
    }
    const token = await startSession(c.env.DB, found.id);
    return c.json({ user: { id: found.id, handle: found.handle, displayName: found.displayName }, token });
  });

/** The account behind the session. */
export const account = new Hono<AppEnv>()
  .post("/auth/logout", async (c) => {
    await endSession(open(c.env.DB), c.get("tokenHash"));
    return c.json({ ok: true });
  })
  .get("/me", (c) => c.json({ user: c.get("user") }));

async function startSession(d1: D1Database, userId: number): Promise<string> {
  const token = newSessionToken();
  await saveSession(open(d1), await hashToken(token), userId);
  return token;
}
