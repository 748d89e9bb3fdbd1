// Loads the commands and menu button the chat's bots show me (GET /chats/{id}/bot-menu, in the
// browser's language), again whenever the chat's members change.
import { useEffect, useState } from "preact/hooks";
import { composerMenu, type ComposerMenu } from "../bot-menu.ts";
import type { ChatBotMenu } from "../types.ts";
import { session } from "./session.ts";

/** `privateBotId`: the bot of a private chat; `hasBots`: whether to ask at all; `membersKey` changes when members do. */
export function useBotMenu(chatId: number, privateBotId: number | null, hasBots: boolean, membersKey: string): ComposerMenu {
  const [menus, setMenus] = useState<ChatBotMenu[] | null>(null);
  useEffect(() => {
    if (!hasBots) return;
    let live = true;
    session.api.botMenu(chatId, navigator.language).then(
      (r) => live && setMenus(r.bots),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [chatId, hasBots, membersKey]);
  return composerMenu(hasBots ? menus : null, privateBotId);
}
