import { Hono } from "hono";
import { HttpError } from "../platform/errors.ts";
import type { AppEnv } from "../accounts/session.ts";

/** The live event stream: the user's UserActor takes the socket and holds it. */
export const streamRoutes = new Hono<AppEnv>().get("/", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new HttpError(426, "upgrade_required", "connect with a WebSocket");
  }
  const me = c.get("user");
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-switchboard-user", String(me.id));
  headers.set("x-switchboard-session", c.get("tokenHash"));
  headers.set("x-switchboard-session-expires", String(c.get("sessionExpiresAt")));
  return c.env.USERS.getByName(String(me.id)).fetch(new Request(c.req.url, { headers }));
});
