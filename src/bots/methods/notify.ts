// Bot API extensions for notifications that learn (ARCHITECTURE.md 4.3): sendNotification to
// a user who started the bot, getNotification for each channel's delivery. The work is in
// src/notify/sending.ts.
import { z } from "zod";
import { int, link, text } from "../params.ts";
import type { Handlers } from "./context.ts";

export const schemas = {
  sendNotification: z.object({
    user_id: int.refine((n) => n > 0, "user_id must be a user's id"),
    text,
    importance: z.enum(["low", "normal", "high", "urgent"]).default("normal"),
    link_url: link.optional(),
    dedup_key: z.string().min(1).max(64).optional(),
  }),
  getNotification: z.object({ notification_id: z.string().min(1).max(64) }),
};

export const handlers: Handlers<typeof schemas> = {
  sendNotification: (bot, p) => bot.notifications.send(p),
  getNotification: (bot, p) => bot.notifications.get(p.notification_id),
};
