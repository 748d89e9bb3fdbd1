// Notification routes (ARCHITECTURE.md 4.3): the tracked link (public: /r/{token}), a user's
// preferences (pins and quiet hours) and where he reads (/api/v1/me/channels).
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../accounts/session.ts";
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import { body } from "../platform/validate.ts";
import { DEFAULT_CONFIG, plan, quietHoursSchema } from "./plan.ts";
import { acknowledge } from "./reads.ts";
import { CHANNELS } from "./schema.ts";
import { prefsOf, readStats, receivedCount, savePrefs, verifiedContacts } from "./store.ts";

/** GET /r/{token}: a read on the delivery's channel, then on to the notification's link. */
export const trackedLinks = new Hono<{ Bindings: Env }>().get("/:token", async (c) => {
  const token = c.req.param("token");
  const found = /^[A-Za-z0-9_-]{10,40}$/.test(token) ? await acknowledge(c.env, token, "link", null) : null;
  if (!found) return c.text("This link is not known (or no longer).", 404);
  return c.redirect(found.link ?? "/", 302);
});

const channel = z.enum(CHANNELS);
const prefsBody = z
  .strictObject({
    primary: channel.nullable().optional(),
    secondary: channel.nullable().optional(),
    quietHours: quietHoursSchema.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "name at least one of primary, secondary, quietHours");

export const notificationRoutes = new Hono<AppEnv>()
  .get("/notification-preferences", async (c) => c.json({ preferences: view(await prefsOf(open(c.env.DB), c.get("user").id)) }))
  .put("/notification-preferences", async (c) => {
    const change = await body(c, prefsBody);
    const db = open(c.env.DB);
    const me = c.get("user").id;
    const held = await prefsOf(db, me);
    const next = {
      primary: change.primary === undefined ? held.primary : change.primary,
      secondary: change.secondary === undefined ? held.secondary : change.secondary,
      quiet: change.quietHours === undefined ? held.quiet : change.quietHours,
    };
    await savePrefs(db, me, next);
    return c.json({ preferences: view(next) });
  })
  // Where I read, and why each channel ranks where it does (the same plan the sends use).
  .get("/channels", async (c) => {
    const db = open(c.env.DB);
    const me = c.get("user").id;
    const [sent, stats, contacts, prefs] = await Promise.all([receivedCount(db, me), readStats(db, me), verifiedContacts(db, me), prefsOf(db, me)]);
    const byChannel = new Map(stats.map((s) => [s.channel, s]));
    const decided = plan(
      {
        sent,
        channels: CHANNELS.map((ch) => ({ channel: ch, reachable: ch === "in_app" || contacts.has(ch), reads: byChannel.get(ch)?.reads ?? 0, firstReads: byChannel.get(ch)?.firstReads ?? 0, lastReadAt: byChannel.get(ch)?.lastReadAt ?? null })),
        pins: { primary: prefs.primary, secondary: prefs.secondary },
        importance: "normal",
      },
      DEFAULT_CONFIG,
    );
    return c.json({
      established: decided.mode === "learned",
      sent,
      channels: decided.ranking.map((r) => ({ channel: r.channel, reads: byChannel.get(r.channel)?.reads ?? 0, firstReads: byChannel.get(r.channel)?.firstReads ?? 0, importance: r.importance, rank: r.rank, pinned: r.pinned })),
    });
  });

function view(p: Awaited<ReturnType<typeof prefsOf>>) {
  return { primary: p.primary, secondary: p.secondary, quietHours: p.quiet };
}
