// The HTTP surface: the client API under /api/v1. Each route file is one resource.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorResponse, HttpError } from "./platform/errors.ts";
import { requireSession, type AppEnv } from "./accounts/session.ts";
import { botApi } from "./bots/bot-api-routes.ts";
import { toTelegramError } from "./bots/tg-errors.ts";
import { account, auth } from "./accounts/routes.ts";
import { botRoutes } from "./bots/routes.ts";
import { inlineRoutes } from "./bots/inline-routes.ts";
import { chatRoutes } from "./chat/routes.ts";
import { interactionRoutes } from "./chat/interaction-routes.ts";
import { banRoutes } from "./chat/ban-routes.ts";
import { botMenuRoutes } from "./bots/menu-routes.ts";
import { friendRoutes } from "./accounts/friend-routes.ts";
import { blockRoutes } from "./accounts/block-routes.ts";
import { workspaceRoutes } from "./profiles/routes.ts";
import { heldProfileRoutes, profileRoutes } from "./profiles/profile-routes.ts";
import { invitationRoutes } from "./profiles/invitation-routes.ts";
import { notificationRoutes, trackedLinks } from "./notify/routes.ts";
import { streamRoutes } from "./chat/stream-routes.ts";
import { contactRoutes } from "./notify/contact-routes.ts";
import { sandboxApi, sandboxPage } from "./notify/sandbox-routes.ts";
import { securityHeaders } from "./platform/security-headers.ts";

const api = new Hono<AppEnv>()
  // Bodies are bounded before anything reads them, sessions or not: uploads (media) up to
  // the 50 MiB file limit with room for the form, everything else 1 MiB.
  .use(async (c, next) => {
    const maxSize = /\/(media|avatar)$/.test(c.req.path) ? 51 * 1024 * 1024 : 1024 * 1024;
    return bodyLimit({ maxSize, onError: (cc) => errorResponse(cc, new HttpError(413, "too_large", `the body is larger than ${maxSize} bytes`)) })(c, next);
  })
  .route("/auth", auth) // register and log in: the only routes without a session
  .route("/sandbox", sandboxApi) // the local sandbox's outbox: no session, 404 unless SANDBOX=on
  .use(requireSession) // every route below needs one
  .route("/me/profiles", heldProfileRoutes) // what workspaces keep on me; erasure
  .route("/me/workspace-invitations", invitationRoutes) // joining a workspace's staff by consent
  .route("/me", notificationRoutes) // notification preferences, where I read
  .route("/me/contacts", contactRoutes) // phones, e-mails, official-account ids, confirmed by a code
  .route("/", account)
  .route("/friends", friendRoutes)
  .route("/users", blockRoutes)
  .route("/workspaces", workspaceRoutes) // staff, customers
  .route("/workspaces", profileRoutes) // a customer's profile, tags
  .route("/bots", botRoutes)
  .route("/inline", inlineRoutes)
  .route("/chats", chatRoutes)
  .route("/chats", interactionRoutes) // polls, reactions, pins
  .route("/chats", banRoutes)
  .route("/chats", botMenuRoutes) // the commands and menu button of the chat's bots
  .route("/stream", streamRoutes);

export const app = new Hono<AppEnv>()
  // Every answer that passes through the Worker, errors, misses and the web app handed over by
  // ASSETS included, leaves with the security headers: one place, after everything else has
  // run. A WebSocket upgrade has no document and no body to protect.
  .use(async (c, next) => {
    await next();
    if (c.res.status === 101) return;
    // c.header, not c.res.headers: a response from ASSETS has immutable headers; c.header copies it.
    for (const [name, value] of Object.entries(securityHeaders(c.res.headers.get("Content-Type")))) c.header(name, value);
  })
  .get("/healthz", (c) => c.json({ ok: true }))
  .route("/api/v1", api)
  .route("/r", trackedLinks) // a notification's tracked link: a read, then a redirect
  .route("/sandbox", sandboxPage) // the local sandbox page: 404 unless SANDBOX=on
  .route("/", botApi)
  .notFound((c) => {
    if (c.req.path.startsWith("/api/")) return errorResponse(c, new HttpError(404, "not_found", `no route ${c.req.method} ${c.req.path}`));
    // A /bot... or /file/bot... path that is no valid call gets Telegram's error, never the web app.
    if (/^\/(file\/)?bot/i.test(c.req.path)) return c.json(toTelegramError({ reason: "not_found" }), 404);
    return c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.text("not found", 404);
  })
  .onError((err, c) => errorResponse(c, err));

export type AppType = typeof app;
