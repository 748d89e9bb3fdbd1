// Which of a bot's command lists a user sees: the lists are kept per scope and language
// (setMyCommands), and a client asks for the one that applies to its user in its chat, in
// Telegram's documented order ("the first list of commands which is set is returned"). Pure.
import type { BotCommand } from "../protocol/api.ts";

/** A scope as stored: Telegram's BotCommandScope with the chat named by its key. */
export type CommandScope =
  | { type: "default" | "all_private_chats" | "all_group_chats" | "all_chat_administrators" }
  | { type: "chat" | "chat_administrators"; chatKey: string }
  | { type: "chat_member"; chatKey: string; userId: number };

/** Who is asking: the user, the chat they are in, whether they administer it, their language. */
export interface CommandViewer {
  chatType: "private" | "group";
  chatKey: string;
  userId: number;
  isAdmin: boolean;
  /** A two-letter ISO 639-1 code, or "" when the client names none. */
  language: string;
}

/** Ours: Telegram documents no number. Each list holds at most 100 commands. */
export const MAX_COMMAND_SETS = 200;

export function scopeKey(scope: CommandScope): string {
  switch (scope.type) {
    case "chat":
    case "chat_administrators":
      return `${scope.type}:${scope.chatKey}`;
    case "chat_member":
      return `chat_member:${scope.chatKey}:${scope.userId}`;
    default:
      return scope.type;
  }
}

/** One stored list: a scope and a language ("" for every language without its own list). */
export function setKey(scope: CommandScope, language: string): string {
  return `${scopeKey(scope)}|${language}`;
}

/** The lists to try, first to last, for one viewer (Telegram's "Determining list of commands"). */
export function lookupOrder(v: CommandViewer): string[] {
  const scopes: CommandScope[] =
    v.chatType === "private"
      ? [{ type: "chat", chatKey: v.chatKey }, { type: "all_private_chats" }, { type: "default" }]
      : [
          { type: "chat_member", chatKey: v.chatKey, userId: v.userId },
          ...(v.isAdmin ? [{ type: "chat_administrators" as const, chatKey: v.chatKey }] : []),
          { type: "chat", chatKey: v.chatKey },
          ...(v.isAdmin ? [{ type: "all_chat_administrators" as const }] : []),
          { type: "all_group_chats" },
          { type: "default" },
        ];
  return scopes.flatMap((s) => (v.language ? [setKey(s, v.language), setKey(s, "")] : [setKey(s, "")]));
}

/** The commands `v` sees: the first list in lookup order that is set (an empty list is not set). */
export function resolveCommands(listOf: (key: string) => BotCommand[] | null, v: CommandViewer): BotCommand[] {
  for (const key of lookupOrder(v)) {
    const list = listOf(key);
    if (list?.length) return list;
  }
  return [];
}

/** A client's language tag ("de-CH", "pt_BR", "EN") as the two-letter code lists are kept under; "" if it has none. */
export function primaryLanguage(tag: string | undefined): string {
  const m = /^([A-Za-z]{2})(?:[-_].*)?$/.exec(tag?.trim() ?? "");
  return m ? m[1]!.toLowerCase() : "";
}
