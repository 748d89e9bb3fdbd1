// Authentication for the client API, in one place. Requests carry a Bearer session token;
// the WebSocket stream, which browsers cannot give headers, carries it as `?token=`.
import { createMiddleware } from "hono/factory";
import { hashToken } from "./credentials.ts";
import { open } from "../platform/d1.ts";
import { sessionUser, type PublicUser } from "./queries.ts";
import type { Env } from "../env.ts";
import { HttpError } from "../platform/errors.ts";

export type AppEnv = { Bindings: Env; Variables: { user: PublicUser; tokenHash: string; sessionExpiresAt: number } };

function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return m?.[1] ?? null;
}

export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const isStream = c.req.path === "/api/v1/stream";
  const token = bearerToken(c.req.header("Authorization")) ?? (isStream ? (c.req.query("token") ?? null) : null);
  if (!token || token.length > 200) throw new HttpError(401, "unauthorized", "a valid session token is required");
  const tokenHash = await hashToken(token);
  const session = await sessionUser(open(c.env.DB), tokenHash);
  if (!session) throw new HttpError(401, "unauthorized", "the session token is invalid or expired");
  c.set("user", session.user);
  c.set("tokenHash", tokenHash);
  c.set("sessionExpiresAt", session.expiresAt);
  await next();
});
