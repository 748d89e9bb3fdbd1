import { useEffect, useState } from "preact/hooks";
import { session, type AppState } from "../state/session.ts";
import type { ChatSummary, Message, User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Composer, type ReplyKeyboard } from "./Composer.tsx";
import { Icon } from "./Icon.tsx";
import { MessageList } from "./MessageList.tsx";

export function ChatView({ chatId, summary, state, me }: { chatId: number; summary: ChatSummary | undefined; state: AppState; me: User }) {
  const [viewing, setViewing] = useState<string | null>(null);
  const details = state.details[chatId];
  const title = summary?.title ?? details?.title ?? "";
  const isGroup = (summary?.type ?? details?.type) === "group" || chatId < 0;
  const typists = (state.typing[chatId] ?? []).map((t) => details?.members.find((m) => m.id === t.userId)?.displayName.split(" ")[0] ?? t.handle);

  const peer = !isGroup ? details?.members.find((m) => m.id !== me.id) : undefined;
  let subtitle = "";
  if (typists.length) subtitle = isGroup ? `${typists.join(", ")} ${typists.length > 1 ? "are" : "is"} typing…` : "typing…";
  else if (isGroup && details) subtitle = `${details.members.length} members`;
  else if (peer) subtitle = peer.isBot ? `@${peer.handle} · bot` : `@${peer.handle}`;

  // A private chat with a bot: its command menu, its reply keyboard, blocking.
  const bot = peer?.isBot ? peer : undefined;
  const botHandle = bot?.handle;
  useEffect(() => {
    if (botHandle) void session.loadBot(botHandle);
  }, [botHandle]);
  const commands = bot ? (state.bots[bot.handle.toLowerCase()]?.commands ?? []) : null;
  const blocked = bot ? !!state.blocked[bot.id] : false;
  const keyboard = replyKeyboard(state.history[chatId]?.messages ?? [], me.id);

  // Members other than me: their read cursors decide ✓ or ✓✓ on my messages.
  const reads = state.reads[chatId] ?? {};
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
      <MessageList
        chatId={chatId}
        history={state.history[chatId]}
        pending={state.pending.filter((p) => p.chatId === chatId)}
        me={me}
        isGroup={isGroup}
        othersRead={othersRead}
        onView={setViewing}
        pressing={state.pressing}
      />
      {bot && blocked && (
        <div class="blocked-banner" data-testid="blocked-banner">
          You blocked this bot; it cannot message you.{" "}
          <button class="link" onClick={() => void session.setBotBlocked(bot.id, bot.handle, false)}>
            Unblock
          </button>
        </div>
      )}
      <Composer chatId={chatId} commands={commands} keyboard={blocked ? null : keyboard} />
      {viewing && (
        <div class="lightbox" data-testid="lightbox" onClick={() => setViewing(null)}>
          <img src={viewing} alt="" />
          <button class="icon-btn lightbox-close" aria-label="Close">
            <Icon name="close" />
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The reply keyboard in force: the newest bot message that sets one (`keyboard`) or takes it
 * away (`remove_keyboard`) decides, as in Telegram; inline keyboards do not count.
 */
function replyKeyboard(messages: Message[], meId: number): ReplyKeyboard | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.from.id === meId || !m.from.isBot || !m.replyMarkup) continue;
    const rm = m.replyMarkup;
    if ("remove_keyboard" in rm) return null;
    if ("keyboard" in rm) {
      // A button may also be a bare string on the Bot API.
      const rows = rm.keyboard
        .map((r) => r.map((b) => (typeof b === "string" ? { text: b } : b)).filter((b) => b?.text))
        .filter((r) => r.length);
      if (!rows.length) return null;
      return { messageId: m.id, rows, oneTime: !!rm.one_time_keyboard, ...(rm.input_field_placeholder ? { placeholder: rm.input_field_placeholder } : {}) };
    }
  }
  return null;
}
