// The client API's view of the bots in a chat: for each, the commands and the menu button it
// shows the caller there (Telegram's scope order, in the caller's language).
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../accounts/session.ts";
import { findUsers } from "../accounts/queries.ts";
import { chatOf } from "../chat/guards.ts";
import { open } from "../platform/d1.ts";
import { unwrap } from "../platform/errors.ts";
import { parse } from "../platform/validate.ts";
import type { ChatBotMenu } from "../protocol/api.ts";
import { primaryLanguage, type CommandViewer } from "./command-scopes.ts";

/** Ours: a composer lists this many bots' commands at most; a group rarely has more. */
const MAX_BOTS = 20;

export const botMenuRoutes = new Hono<AppEnv>().get("/:chatId/bot-menu", async (c) => {
  const { me, key, chat } = await chatOf(c);
  const language = primaryLanguage(parse(z.string().max(35).optional(), c.req.query("lang")));
  const details = unwrap(await chat.describe(me.id));
  const self = details.members.find((m) => m.id === me.id);
  const botIds = details.members.filter((m) => m.isBot && m.id !== me.id).slice(0, MAX_BOTS).map((m) => m.id);
  const viewer: CommandViewer = { chatType: details.type, chatKey: key, userId: me.id, isAdmin: self?.role !== "member", language };
  // Names from D1: a bot that renamed itself shows its new name here at once.
  const accounts = new Map((await findUsers(open(c.env.DB), botIds)).map((u) => [u.id, u]));
  const bots: ChatBotMenu[] = await Promise.all(
    botIds.map(async (id) => {
      const menu = await c.env.BOTS.getByName(String(id)).menuFor(viewer);
      const account = accounts.get(id);
      return { id, username: account?.handle ?? "", name: account?.displayName ?? "", commands: menu.commands, menuButton: menu.menuButton };
    }),
  );
  return c.json({ bots });
});
