import { useCallback, useEffect, useState } from "preact/hooks";
import { sameItems, useSelect } from "../state/hooks.ts";
import { session } from "../state/session.ts";
import type { Message, User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Composer, type ReplyKeyboard } from "./Composer.tsx";
import { Icon } from "./Icon.tsx";
import { MessageList } from "./MessageList.tsx";
import { PinnedBar } from "./Interactions.tsx";
import { BotIntro } from "./BotIntro.tsx";
import { useBotMenu } from "../state/bot-menu-hook.ts";
import { Lightbox, type View } from "./Lightbox.tsx";
import { ProfileToggle } from "./ProfileAside.tsx";

/** One chat. It selects only its own slices, so events in other chats do not re-render it. */
export function ChatView({ chatId, me }: { chatId: number; me: User }) {
  const [viewing, setViewing] = useState<View | null>(null);
  const closeViewer = useCallback(() => setViewing(null), []);
  const summary = useSelect((s) => s.chats.find((c) => c.id === chatId));
  const details = useSelect((s) => s.details[chatId]);
  const history = useSelect((s) => s.history[chatId]);
  const typing = useSelect((s) => s.typing[chatId]);
  const reads = useSelect((s) => s.reads[chatId]) ?? {};
  const pending = useSelect((s) => s.pending.filter((p) => p.chatId === chatId), sameItems);
  const pressing = useSelect((s) => s.pressing);
  const bots = useSelect((s) => s.bots);
  const blockedBots = useSelect((s) => s.blocked);
  const unavailable = history?.unavailable;
  // A bot not started yet (opened from the directory): its empty chat, with Start (BotIntro).
  const preview = unavailable ? Object.values(bots).find((b) => b.id === chatId) : undefined;
  const title = summary?.title ?? details?.title ?? (preview ? (preview.texts?.name ?? preview.name) : unavailable ? "Chat not found" : "");
  const isGroup = (summary?.type ?? details?.type) === "group" || chatId < 0;
  const typists = (typing ?? []).map((t) => details?.members.find((m) => m.id === t.userId)?.displayName.split(" ")[0] ?? t.handle);

  const peer = !isGroup ? details?.members.find((m) => m.id !== me.id) : undefined;
  let subtitle = "";
  if (typists.length) subtitle = isGroup ? `${typists.join(", ")} ${typists.length > 1 ? "are" : "is"} typing…` : "typing…";
  else if (isGroup && details) subtitle = `${details.members.length} members`;
  else if (peer) subtitle = peer.isBot ? `@${peer.handle} · bot` : `@${peer.handle}`;
  else if (preview) subtitle = `@${preview.username} · bot`;

  // A private chat with a bot: its command menu, its reply keyboard, blocking.
  const bot = peer?.isBot ? peer : undefined;
  const botHandle = bot?.handle;
  useEffect(() => {
    if (botHandle) void session.loadBot(botHandle);
  }, [botHandle]);
  // Commands and the menu button as the chat's bots scoped them for me (a group: every bot's).
  const hasBots = !unavailable && (bot !== undefined || !!details?.members.some((m) => m.isBot && m.id !== me.id));
  const { commands, menuButton } = useBotMenu(chatId, bot?.id ?? null, hasBots, details?.members.map((m) => `${m.id}:${m.role}`).join() ?? "");
  const botProfile = bot ? bots[bot.handle.toLowerCase()] : undefined;
  const emptyBotChat = !!botProfile && !!history?.loaded && history.messages.length === 0 && pending.length === 0;
  const blocked = bot ? !!blockedBots[bot.id] : false;
  const keyboard = replyKeyboard(history?.messages ?? [], me.id);

  // Members other than me: their read cursors decide ✓ or ✓✓ on my messages.
  let othersRead = 0;
  for (const [uid, readId] of Object.entries(reads)) if (Number(uid) !== me.id) othersRead = Math.max(othersRead, readId);

  return (
    <div class="chat" data-testid="chat-view" data-chat-id={chatId}>
      <header class="chat-header">
        <button class="icon-btn back-btn" aria-label="Back to chats" data-testid="back-button" onClick={() => session.openChat(null)}>
          <Icon name="back" />
        </button>
        <Avatar id={chatId} name={title || "?"} size={38} group={isGroup} />
        <div class="chat-header-text">
          <h2 data-testid="chat-title">{title}</h2>
          <span class={typists.length ? "subtitle typing-text" : "subtitle"} data-testid={typists.length ? "typing-indicator" : undefined}>
            {subtitle}
          </span>
        </div>
        {peer && !peer.isBot && (
          <div class="chat-header-actions">
            <ProfileToggle peerId={peer.id} />
          </div>
        )}
        {bot && (
          <div class="chat-header-actions">
            <button
              class={`btn btn-small${blocked ? "" : " btn-danger-outline"}`}
              data-testid="block-bot"
              data-blocked={blocked ? "true" : "false"}
              title={blocked ? "Let this bot message you again" : "Stop this bot from messaging you"}
              onClick={() => void session.setBotBlocked(bot.id, bot.handle, !blocked)}
            >
              {blocked ? "Unblock" : "Block"}
            </button>
          </div>
        )}
      </header>
      {!unavailable && <PinnedBar chatId={chatId} />}
      {unavailable ? (
        preview ? (
          <BotIntro bot={preview} startable />
        ) : (
          <div class="messages" data-testid="chat-unavailable">
            <div class="list-empty">{unavailable}</div>
          </div>
        )
      ) : emptyBotChat ? (
        <BotIntro bot={botProfile} startable={false} />
      ) : (
        <MessageList
          chatId={chatId}
          history={history}
          pending={pending}
          me={me}
          isGroup={isGroup}
          othersRead={othersRead}
          onView={setViewing}
          pressing={pressing}
        />
      )}
      {bot && blocked && (
        <div class="blocked-banner" data-testid="blocked-banner">
          You blocked this bot; it cannot message you.{" "}
          <button class="link" onClick={() => void session.setBotBlocked(bot.id, bot.handle, false)}>
            Unblock
          </button>
        </div>
      )}
      {!unavailable && <Composer chatId={chatId} commands={commands} keyboard={blocked ? null : keyboard} menuButton={menuButton} />}
      {viewing && <Lightbox view={viewing} onClose={closeViewer} />}
    </div>
  );
}

/**
 * The reply keyboard in force: the newest bot message that sets one (`keyboard`), asks for a
 * reply (`force_reply`: no keys, its placeholder) or takes it away (`remove_keyboard`)
 * decides, as in Telegram; inline keyboards do not count.
 */
function replyKeyboard(messages: Message[], meId: number): ReplyKeyboard | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.from.id === meId || !m.from.isBot || !m.replyMarkup) continue;
    const rm = m.replyMarkup;
    if ("inline_keyboard" in rm) continue;
    if ("remove_keyboard" in rm) return null;
    const placeholder = rm.input_field_placeholder ? { placeholder: rm.input_field_placeholder } : {};
    if ("force_reply" in rm) return { messageId: m.id, rows: [], oneTime: true, ...placeholder };
    const rows = rm.keyboard.map((r) => r.filter((b) => b.text)).filter((r) => r.length);
    if (!rows.length) return null;
    return { messageId: m.id, rows, oneTime: !!rm.one_time_keyboard, ...placeholder };
  }
  return null;
}
