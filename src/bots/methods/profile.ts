// The bot's profile as users see it: its name, description and short description per language,
// its command lists per scope and language, its menu button, and users' profile photos.
import { z } from "zod";
import { ok, refuse } from "../../platform/result.ts";
import type { CommandScope } from "../command-scopes.ts";
import type { MenuButton } from "../menu.ts";
import { chatId, httpsLink, int, json } from "../params.ts";
import type { BotResult } from "../reasons.ts";
import { TEXT_LIMITS, type TextKind } from "../texts.ts";
import type { BotContext, Handler, Handlers } from "./context.ts";

/** A two-letter ISO 639-1 code; none (or "") means every language without its own text or list. */
const languageCode = z.string().regex(/^([a-z]{2})?$/, "must be a two-letter ISO 639-1 language code").optional();

const commandList = json(
  z
    .array(
      z.object({
        command: z.string().regex(/^[a-z0-9_]{1,32}$/, "command must be 1-32 lowercase letters, digits or _"),
        description: z.string().min(1).max(256),
      }),
    )
    .max(100),
);

/** Telegram's BotCommandScope; a chat is named as the bot names it (its id). */
const commandScope = json(
  z.discriminatedUnion(
    "type",
    [
      z.object({ type: z.enum(["default", "all_private_chats", "all_group_chats", "all_chat_administrators"]) }),
      z.object({ type: z.enum(["chat", "chat_administrators"]), chat_id: chatId }),
      z.object({ type: z.literal("chat_member"), chat_id: chatId, user_id: int }),
    ],
    { error: "unsupported bot command scope type" },
  ),
);
type ScopeParam = z.infer<typeof commandScope>;
const scoped = { scope: commandScope.optional(), language_code: languageCode };

const menuButton = json(
  z.discriminatedUnion(
    "type",
    [
      z.object({ type: z.literal("commands") }),
      z.object({ type: z.literal("web_app"), text: z.string().min(1, "menu button text is empty").max(64), web_app: z.object({ url: httpsLink }) }),
      z.object({ type: z.literal("default") }),
    ],
    { error: "unsupported menu button type" },
  ),
);

const text = (kind: TextKind) => z.string().max(TEXT_LIMITS[kind], `must be at most ${TEXT_LIMITS[kind]} characters`).optional();

export const schemas = {
  setMyName: z.object({ name: text("name"), language_code: languageCode }),
  getMyName: z.object({ language_code: languageCode }),
  setMyDescription: z.object({ description: text("description"), language_code: languageCode }),
  getMyDescription: z.object({ language_code: languageCode }),
  setMyShortDescription: z.object({ short_description: text("short_description"), language_code: languageCode }),
  getMyShortDescription: z.object({ language_code: languageCode }),
  setMyCommands: z.object({ commands: commandList, ...scoped }),
  getMyCommands: z.object(scoped),
  deleteMyCommands: z.object(scoped),
  setChatMenuButton: z.object({ chat_id: int.optional(), menu_button: menuButton.optional() }),
  getChatMenuButton: z.object({ chat_id: int.optional() }),
  getUserProfilePhotos: z.object({
    user_id: int,
    offset: int.pipe(z.number().min(0)).optional(),
    limit: int.pipe(z.number().min(1).max(100)).optional(),
  }),
} as const;

/**
 * The scope as stored, its chat checked: a chat scope names a chat the bot is in ("chat not
 * found" otherwise, as in Telegram); the admins' and a member's scopes name a group, and a
 * member scope a member of it.
 */
async function toScope(bot: BotContext, s: ScopeParam | undefined): Promise<BotResult<CommandScope>> {
  if (!s || !("chat_id" in s)) return ok({ type: s?.type ?? "default" } as CommandScope);
  const target = bot.sending.chat(s.chat_id);
  if (!target.ok) return target;
  const me = bot.settings.profile().id;
  const chat = await target.value.chat.botChat(me);
  if (!chat) return refuse("chat_not_found");
  if (s.type === "chat") return ok({ type: "chat", chatKey: chat.key });
  if (chat.type !== "group") return refuse("bad_parameters", { detail: `scope: ${s.type} is for group chats` });
  if (s.type !== "chat_member") return ok({ type: "chat_administrators", chatKey: chat.key });
  const standing = await target.value.chat.standing(me, s.user_id);
  if (!standing.ok || !standing.value.member) return refuse("user_not_found");
  return ok({ type: "chat_member", chatKey: chat.key, userId: s.user_id });
}

const isDefaultList = (scope: CommandScope, language: string) => scope.type === "default" && language === "";

async function saveCommands(bot: BotContext, p: { scope?: ScopeParam; language_code?: string }, commands: { command: string; description: string }[]): Promise<BotResult<true>> {
  const scope = await toScope(bot, p.scope);
  if (!scope.ok) return scope;
  const language = p.language_code ?? "";
  if (!isDefaultList(scope.value, language)) return bot.menu.setCommands(scope.value, language, commands);
  await bot.saveCommands(commands); // the default list, mirrored to D1 for the Developer page
  return ok(true);
}

/** The private chat `chatId` names, for a per-chat menu button; null for the default button. */
async function menuChat(bot: BotContext, chatId: number | undefined): Promise<BotResult<string | null>> {
  if (chatId === undefined) return ok(null);
  const target = bot.sending.chat(chatId);
  if (!target.ok) return target;
  const chat = await target.value.chat.botChat(bot.settings.profile().id);
  return chat?.type === "private" ? ok(chat.key) : refuse("chat_not_found");
}

function setText(kind: TextKind, field: "name" | "description" | "short_description"): Handler<{ language_code?: string } & Partial<Record<typeof field, string>>> {
  return async (bot, p) => {
    await bot.texts.set(kind, p.language_code ?? "", p[field] ?? "");
    return ok(true);
  };
}

export const handlers: Handlers<typeof schemas> = {
  setMyName: setText("name", "name"),
  getMyName: async (bot, p) => ok({ name: await bot.texts.get("name", p.language_code ?? "") }),
  setMyDescription: setText("description", "description"),
  getMyDescription: async (bot, p) => ok({ description: await bot.texts.get("description", p.language_code ?? "") }),
  setMyShortDescription: setText("short_description", "short_description"),
  getMyShortDescription: async (bot, p) => ok({ short_description: await bot.texts.get("short_description", p.language_code ?? "") }),
  setMyCommands: (bot, p) => saveCommands(bot, p, p.commands),
  getMyCommands: async (bot, p) => {
    const scope = await toScope(bot, p.scope);
    return scope.ok ? ok(bot.menu.commands(scope.value, p.language_code ?? "")) : scope;
  },
  deleteMyCommands: (bot, p) => saveCommands(bot, p, []),
  setChatMenuButton: async (bot, p) => {
    const chat = await menuChat(bot, p.chat_id);
    if (!chat.ok) return chat;
    return bot.menu.setMenuButton(chat.value, (p.menu_button ?? { type: "default" }) as MenuButton);
  },
  getChatMenuButton: async (bot, p) => {
    const chat = await menuChat(bot, p.chat_id);
    return chat.ok ? ok(bot.menu.menuButton(chat.value)) : chat;
  },
  getUserProfilePhotos: async (bot, p) => {
    if (!(await bot.metUser(p.user_id))) return refuse("user_not_found"); // bots see only users they have met
    return ok(await bot.avatars.photosOf(p.user_id, p.offset ?? 0, p.limit ?? 100));
  },
};
