// Chat members and administration: reading members (getChatMember, getChatAdministrators,
// getChatMemberCount), leaving, and banning where the bot is an admin (banChatMember,
// unbanChatMember). The chat decides rights (chat/ban-rules.ts); refusals come back in
// Telegram's words (reasons.ts, tg-errors.ts).
import { z } from "zod";
import { ok, refuse } from "../../platform/result.ts";
import { tgBannedMember, tgChatMember, tgLeftMember } from "../member-wire.ts";
import { bool, chatId, int } from "../params.ts";
import { done } from "../sending.ts";
import type { Handler, Handlers } from "./context.ts";

const memberOf = z.object({ chat_id: chatId, user_id: int });
const ban = z.object({
  chat_id: chatId,
  user_id: int,
  /** Unix time the ban ends; under 30 seconds or over 366 days from now is for good, as in Telegram. */
  until_date: int.optional(),
  /**
   * Accepted: a removed member here never sees the group's messages again anyway, so it is
   * always as if true (as Telegram says it is for supergroups).
   */
  revoke_messages: bool.optional(),
});

export const schemas = {
  getChatMember: memberOf,
  getChatAdministrators: z.object({ chat_id: chatId }),
  getChatMemberCount: z.object({ chat_id: chatId }),
  /** Telegram's older name, which it still answers (older libraries call it). */
  getChatMembersCount: z.object({ chat_id: chatId }),
  leaveChat: z.object({ chat_id: chatId }),
  banChatMember: ban,
  /** Telegram's older name for banChatMember. */
  kickChatMember: ban,
  unbanChatMember: z.object({ chat_id: chatId, user_id: int, only_if_banned: bool.optional() }),
} as const;

const memberCount: Handler<{ chat_id: number | string }> = (bot, p) => bot.sending.act(p.chat_id, "other", (chat, me) => chat.memberCount(me));

const banMember: Handler<z.infer<typeof ban>> = async (bot, p) => {
  // Telegram bans users the bot has met, members or not (ahead of time); anyone else is "not found".
  if (!(await bot.metUser(p.user_id))) return refuse("user_not_found");
  return bot.sending.act(p.chat_id, "member", (chat, me) => chat.ban(me, p.user_id, p.until_date)).then(done);
};

export const handlers: Handlers<typeof schemas> = {
  getChatMember: async (bot, p) => {
    const standing = await bot.sending.act(p.chat_id, "other", (chat, me) => chat.standing(me, p.user_id));
    if (!standing.ok) return standing;
    const { member, bannedUntil } = standing.value;
    if (member) return ok(tgChatMember(member));
    // Banned here: known to the chat. Anyone else is shown only when the bot has met them.
    const user = bannedUntil !== null ? await bot.findUser(p.user_id) : await bot.metUser(p.user_id);
    if (!user) return refuse("user_not_found");
    return ok(bannedUntil !== null ? tgBannedMember(user, bannedUntil) : tgLeftMember(user));
  },
  getChatAdministrators: async (bot, p) => {
    const admins = await bot.sending.act(p.chat_id, "other", (chat, me) => chat.admins(me), "no_admins_in_private");
    return admins.ok ? ok(admins.value.map(tgChatMember)) : admins;
  },
  getChatMemberCount: memberCount,
  getChatMembersCount: memberCount,
  leaveChat: (bot, p) => bot.sending.act(p.chat_id, "member", (chat, me) => chat.removeMember(me, me)).then(done),
  banChatMember: banMember,
  kickChatMember: banMember,
  unbanChatMember: (bot, p) => bot.sending.act(p.chat_id, "member", (chat, me) => chat.unban(me, p.user_id, p.only_if_banned ?? false)).then(done),
};
