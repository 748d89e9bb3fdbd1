// The buttons under a bot's message (or a message sent via a bot), each doing what its kind
// says in Telegram: a callback to the bot, a link, a Web App, a login to a site (confirmed
// first), a switch to inline mode here or in a chat the user picks, or text to copy.
import { session } from "../state/session.ts";
import { inlineMode } from "../state/inline-mode.ts";
import type { InlineButton, Message, Sender } from "../types.ts";
import { Icon } from "./Icon.tsx";

/** The bot a message's buttons belong to: the one whose inline result it is, or its sender. */
function buttonBot(m: Message): Sender | null {
  return m.viaBot ?? (m.from.isBot ? m.from : null);
}

export function InlineKeyboard({ message: m, rows, pressing }: { message: Message; rows: InlineButton[][]; pressing: Record<string, true> }) {
  return (
    <div class="inline-keyboard" data-testid="inline-keyboard" data-message-id={m.id}>
      {rows.map((row, i) => (
        <div class="kb-row" key={i}>
          {row.map((b, j) => (
            <KeyboardButton key={j} button={b} message={m} row={i} column={j} pressing={pressing} />
          ))}
        </div>
      ))}
    </div>
  );
}

function KeyboardButton({ button: b, message: m, row, column, pressing }: { button: InlineButton; message: Message; row: number; column: number; pressing: Record<string, true> }) {
  const bot = buttonBot(m)?.handle ?? "";
  const link = b.url ?? b.web_app?.url;
  if (link !== undefined) {
    const safe = b.web_app ? /^https:/i.test(link) : /^(https?:|mailto:|tg:)/i.test(link);
    return (
      <a class="kb-btn" href={safe ? link : undefined} target="_blank" rel="noopener noreferrer" data-testid="inline-button" data-kind={b.web_app ? "web_app" : "url"} title={link}>
        <span class="kb-label">{b.text}</span>
        <Icon name="external" size={12} />
      </a>
    );
  }
  const action = (kind: string, onClick: () => void, icon?: "copy" | "external" | "search") => (
    <button type="button" class="kb-btn" data-testid="inline-button" data-kind={kind} onClick={onClick}>
      <span class="kb-label">{b.text}</span>
      {icon && <Icon name={icon} size={12} />}
    </button>
  );
  if (b.copy_text) {
    const text = b.copy_text.text;
    return action("copy_text", () => void inlineMode.copy(text), "copy");
  }
  if (b.switch_inline_query_current_chat !== undefined) {
    const query = b.switch_inline_query_current_chat;
    return action("switch_inline_query_current_chat", () => inlineMode.switchHere(m.chatId, bot, query), "search");
  }
  if (b.switch_inline_query !== undefined) {
    const query = b.switch_inline_query;
    return action("switch_inline_query", () => inlineMode.switchElsewhere(bot, query), "search");
  }
  if (b.switch_inline_query_chosen_chat) {
    const chosen = b.switch_inline_query_chosen_chat;
    return action("switch_inline_query_chosen_chat", () => inlineMode.switchElsewhere(bot, chosen.query ?? "", chosen), "search");
  }
  if (b.login_url) {
    let host = "";
    try {
      host = new URL(b.login_url.url).host;
    } catch {
      // the server takes only https URLs; nothing to open otherwise
    }
    return action("login_url", () => host && inlineMode.askLogin({ chatId: m.chatId, messageId: m.id, row, column, host, bot }), "external");
  }
  const data = b.callback_data;
  const busy = data !== undefined && !!pressing[`${m.chatId}:${m.id}:${data}`];
  return (
    <button
      type="button"
      class={`kb-btn${busy ? " pressed" : ""}`}
      data-testid="inline-button"
      data-kind="callback"
      data-state={busy ? "pressed" : "idle"}
      aria-busy={busy ? "true" : undefined}
      disabled={data === undefined}
      onClick={() => data !== undefined && void session.pressButton(m.chatId, m.id, data)}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      <span class="kb-label">{b.text}</span>
    </button>
  );
}

/** "via @bot" on a message sent from a bot's inline results; tapping it starts a query to that bot here. */
export function ViaBot({ message: m }: { message: Message }) {
  const bot = m.viaBot;
  if (!bot) return null;
  return (
    <span class="via-bot" data-testid="via-bot">
      {" "}
      via{" "}
      <button type="button" class="link" onClick={() => inlineMode.fillComposer(m.chatId, `@${bot.handle} `)}>
        @{bot.handle}
      </button>
    </span>
  );
}
