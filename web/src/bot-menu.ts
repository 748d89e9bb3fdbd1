// What the composer offers of a chat's bots: the commands and the menu button (pure). In a
// private chat with a bot, its commands as it scoped them for me and its menu button; in a
// group, every bot's commands, each as "/command@bot" so the right bot answers (Telegram's
// clients do the same when a group has bots).
import type { BotCommand, ChatBotMenu, MenuButton } from "./types.ts";

export interface ComposerMenu {
  /** null: no command menu here (a chat without bots). */
  commands: BotCommand[] | null;
  menuButton: MenuButton | null;
}

export function composerMenu(menus: ChatBotMenu[] | null, privateBotId: number | null): ComposerMenu {
  if (privateBotId !== null) {
    const mine = menus?.find((m) => m.id === privateBotId);
    return { commands: mine?.commands ?? [], menuButton: mine?.menuButton ?? null };
  }
  const commands = (menus ?? []).flatMap((m) => m.commands.map((c) => ({ command: `${c.command}@${m.username}`, description: c.description })));
  return { commands: commands.length ? commands : null, menuButton: null };
}
