// A bot's command lists (per scope and language) and its menu button (per private chat, or
// the default), in the actor's meta table. The default list for every language is the
// `commands` key BotSettings has always kept (and D1 mirrors for the Developer page); every
// other list is `commands|<scope>|<language>`.
import { ok, refuse } from "../platform/result.ts";
import type { BotCommand, MenuButton } from "../protocol/api.ts";
import { MAX_COMMAND_SETS, resolveCommands, setKey, type CommandScope, type CommandViewer } from "./command-scopes.ts";
import type { BotResult } from "./reasons.ts";
import type { BotSettings } from "./settings.ts";

export type { MenuButton };

/** Ours: one button per private chat the bot is in, up to this many; Telegram documents no number. */
export const MAX_CHAT_MENU_BUTTONS = 10_000;

const DEFAULT_SET = setKey({ type: "default" }, "");
const COMMANDS = "commands|";
const MENU = "menu_button";

export class BotMenu {
  constructor(
    private readonly sql: SqlStorage,
    private readonly settings: BotSettings,
    /** D1, where the default list is mirrored for the Developer page. */
    private readonly db: D1Database,
  ) {}

  /** The default list (every scope and language without its own), kept with its D1 mirror. */
  async saveDefaultCommands(commands: BotCommand[]): Promise<void> {
    this.settings.setCommands(commands);
    await this.db.prepare("UPDATE bots SET commands = ? WHERE id = ?").bind(JSON.stringify(commands), this.settings.profile().id).run();
  }

  /** What one user sees in one chat (the client API's bot menu): its commands, and the chat's button where it is private. */
  viewFor(viewer: CommandViewer): { commands: BotCommand[]; menuButton: MenuButton } {
    return { commands: this.commandsFor(viewer), menuButton: this.menuButton(viewer.chatType === "private" ? viewer.chatKey : null) };
  }

  /** One list exactly as set for a scope and language (getMyCommands does not fall back). */
  commands(scope: CommandScope, language: string): BotCommand[] {
    return this.list(setKey(scope, language)) ?? [];
  }

  /**
   * Sets one list other than the default one (saveDefaultCommands keeps that, with its D1
   * mirror); an empty list removes it, as deleteMyCommands does.
   */
  setCommands(scope: CommandScope, language: string, commands: BotCommand[]): BotResult<true> {
    const k = setKey(scope, language);
    if (k === DEFAULT_SET) throw new Error("the default list is saved by saveDefaultCommands");
    if (!commands.length) {
      this.sql.exec("DELETE FROM meta WHERE k = ?", COMMANDS + k);
      return ok(true);
    }
    const isNew = this.list(k) === null;
    if (isNew && this.count(COMMANDS) >= MAX_COMMAND_SETS) {
      return refuse("too_many_command_sets", { detail: `a bot keeps at most ${MAX_COMMAND_SETS} command lists besides the default one; delete some with deleteMyCommands` });
    }
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", COMMANDS + k, JSON.stringify(commands));
    return ok(true);
  }

  /** The commands one user sees in one chat, by Telegram's order of scopes. */
  commandsFor(viewer: CommandViewer): BotCommand[] {
    return resolveCommands((k) => this.list(k), viewer);
  }

  /** A chat's own button, else the bot's default one, else "default" (nothing set). */
  menuButton(chatKey: string | null): MenuButton {
    const own = chatKey ? this.button(`${MENU}|${chatKey}`) : null;
    return own ?? this.button(MENU) ?? { type: "default" };
  }

  /** Sets a chat's button (or the default one, for `chatKey` null); "default" removes it. */
  setMenuButton(chatKey: string | null, button: MenuButton): BotResult<true> {
    const k = chatKey ? `${MENU}|${chatKey}` : MENU;
    if (button.type === "default") {
      this.sql.exec("DELETE FROM meta WHERE k = ?", k);
      return ok(true);
    }
    if (chatKey && this.button(k) === null && this.count(`${MENU}|`) >= MAX_CHAT_MENU_BUTTONS) {
      return refuse("bad_parameters", { detail: `a bot keeps its own menu button for at most ${MAX_CHAT_MENU_BUTTONS} chats; set the default one instead` });
    }
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", k, JSON.stringify(button));
    return ok(true);
  }

  private list(k: string): BotCommand[] | null {
    if (k === DEFAULT_SET) {
      const list = this.settings.commands();
      return list.length ? list : null;
    }
    const v = this.value(COMMANDS + k);
    return v === null ? null : (JSON.parse(v) as BotCommand[]);
  }

  private button(k: string): MenuButton | null {
    const v = this.value(k);
    return v === null ? null : (JSON.parse(v) as MenuButton);
  }

  /** Keys under a prefix; the range keeps it on the primary key's index. */
  private count(prefix: string): number {
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM meta WHERE k >= ? AND k < ?", prefix, end).one().n;
  }

  private value(k: string): string | null {
    return this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0]?.v ?? null;
  }
}
