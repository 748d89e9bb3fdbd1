// A group's bans on the client API: its owner and admins ban (removing the member, if in it),
// lift bans and list them. Bots do the same through the Bot API (banChatMember and the rest);
// a banned user cannot be added back until unbanned (POST /members answers user_banned).
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../accounts/session.ts";
import { findUsers } from "../accounts/queries.ts";
import { open } from "../platform/d1.ts";
import { HttpError, unwrap } from "../platform/errors.ts";
import { body, parse, positiveId } from "../platform/validate.ts";
import { chatOf } from "./guards.ts";

export const banRoutes = new Hono<AppEnv>()
  .get("/:chatId/bans", async (c) => {
    const { me, chat } = await chatOf(c);
    return c.json({ bans: unwrap(await chat.bans(me.id)) });
  })
  .put("/:chatId/bans/:userId", async (c) => {
    const { me, chat } = await chatOf(c);
    const userId = parse(positiveId, c.req.param("userId"));
    // `until`: Unix time the ban ends; none (or under 30 s, or over 366 days ahead) for good.
    const { until } = await body(c, z.object({ until: z.number().int().min(0).optional() }));
    if (!(await findUsers(open(c.env.DB), [userId])).length) throw new HttpError(404, "user_not_found", "no user with that id");
    const banned = unwrap(await chat.ban(me.id, userId, until));
    return c.json({ ban: { userId, until: banned.until } });
  })
  .delete("/:chatId/bans/:userId", async (c) => {
    const { me, chat } = await chatOf(c);
    // Lifts the ban only: a member stays a member (the Bot API's only_if_banned).
    unwrap(await chat.unban(me.id, parse(positiveId, c.req.param("userId")), true));
    return c.json({ ok: true });
  });
