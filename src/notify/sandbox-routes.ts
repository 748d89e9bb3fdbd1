// The local sandbox's outbox (issue 10 point 1; ARCHITECTURE.md 4.3): GET /api/v1/sandbox/outbox
// as JSON and GET /sandbox as a page. No session: they exist only where the sandbox is on
// (`npm start`, the tests); anywhere else both answer 404 as if there were no such route.
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../accounts/session.ts";
import { users } from "../accounts/schema.ts";
import { inSlices, open } from "../platform/d1.ts";
import { HttpError } from "../platform/errors.ts";
import { sandboxOn } from "./channels/index.ts";
import { OUTBOX_LIMIT, parseOutboxQuery, renderSandboxPage, type OutboxItem } from "./sandbox-page.ts";
import { sandboxOutbox, type ContactChannel } from "./schema.ts";

async function outbox(d1: D1Database, q: { channel?: ContactChannel; userId?: number }): Promise<OutboxItem[]> {
  const where: SQL[] = [];
  if (q.channel) where.push(eq(sandboxOutbox.channel, q.channel));
  if (q.userId) where.push(eq(sandboxOutbox.user, q.userId));
  const rows = await open(d1).select().from(sandboxOutbox).where(and(...where)).orderBy(desc(sandboxOutbox.id)).limit(OUTBOX_LIMIT);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    to: r.to,
    user: r.user,
    text: r.text,
    ...(r.link ? { link: r.link } : {}),
    ...(r.code ? { code: r.code } : {}),
    at: r.at,
  }));
}

/** Mounted at /api/v1/sandbox, before the session middleware. */
export const sandboxApi = new Hono<AppEnv>().get("/outbox", async (c) => {
  if (!sandboxOn(c.env)) throw new HttpError(404, "not_found", `no route ${c.req.method} ${c.req.path}`);
  const items = await outbox(c.env.DB, parseOutboxQuery(c.req.query()));
  return c.json({ items: items.map(({ user: _user, ...item }) => item) });
});

/** Mounted at /sandbox (wrangler.toml sends it to the Worker first). */
export const sandboxPage = new Hono<AppEnv>().get("/", async (c) => {
  if (!sandboxOn(c.env)) return c.text("not found", 404);
  const items = await outbox(c.env.DB, {});
  const ids = [...new Set(items.map((i) => i.user).filter((u): u is number => u !== null))];
  const db = open(c.env.DB);
  const rows = await inSlices(ids, (slice) => db.select({ id: users.id, handle: users.handle, displayName: users.displayName }).from(users).where(inArray(users.id, slice)));
  c.header("Cache-Control", "no-store");
  return c.html(renderSandboxPage(items, new Map(rows.map((r) => [r.id, r]))));
});
