import { useEffect, useRef, useState } from "preact/hooks";
import { IMAGE_TYPES, session } from "../state/session.ts";
import type { BotCommand, MenuButton } from "../types.ts";
import { Icon } from "./Icon.tsx";
import { parseInlineQuery } from "../inline.ts";
import { inlineMode, useInline } from "../state/inline-mode.ts";
import { InlineResults } from "./InlineResults.tsx";

const drafts = new Map<number, string>();
/** chatId → the id of the message whose reply keyboard the user put away. */
const hiddenKeyboards = new Map<number, number>();

/** A bot's reply keyboard, shown above the input in place of the system keyboard. */
export interface ReplyKeyboard {
  messageId: number;
  rows: { text: string }[][];
  oneTime: boolean;
  placeholder?: string;
}

interface Props {
  chatId: number;
  /** The bot's command menu, in a private chat with a bot (null elsewhere). */
  commands?: BotCommand[] | null;
  keyboard?: ReplyKeyboard | null;
  /** The bot's menu button here (setChatMenuButton): a Web App replaces the command menu's button. */
  menuButton?: MenuButton | null;
}

export function Composer({ chatId, commands = null, keyboard = null, menuButton = null }: Props) {
  const [text, setText] = useState(drafts.get(chatId) ?? "");
  const [menuOpen, setMenuOpen] = useState(false);
  const [hiddenFor, setHiddenFor] = useState<number | undefined>(hiddenKeyboards.get(chatId));
  const input = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Focus on open, but not on touch screens where the keyboard would cover the chat.
    if (!matchMedia("(pointer: coarse)").matches) input.current?.focus();
    // A draft holding "@bot query" asks again; leaving the chat closes its results.
    inlineMode.typed(chatId, parseInlineQuery(drafts.get(chatId) ?? ""));
    return () => inlineMode.typed(chatId, null);
  }, [chatId]);

  // Text put here from outside: a switch_inline_query button, a chosen result (empty).
  const fill = useInline((s) => s.fill);
  useEffect(() => {
    if (!fill || fill.chatId !== chatId) return;
    inlineMode.filled();
    update(fill.text);
    const el = input.current;
    if (el) {
      el.focus();
      el.setSelectionRange(fill.text.length, fill.text.length);
    }
  }, [fill, chatId]);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: Event) => {
      if (!wrap.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setMenuOpen(false);
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", onKey);
    };
  }, [menuOpen]);

  function update(v: string) {
    setText(v);
    drafts.set(chatId, v);
    const inline = parseInlineQuery(v);
    inlineMode.typed(chatId, inline);
    if (v.trim() && !inline) session.typing(chatId);
  }

  function send() {
    if (!text.trim()) return;
    session.sendText(chatId, text);
    update("");
    input.current?.focus();
  }

  function sendCommand(command: string) {
    session.sendText(chatId, `/${command}`);
    setMenuOpen(false);
    if (/^\/\S*$/.test(text)) update("");
    input.current?.focus();
  }

  function setHidden(messageId: number | undefined) {
    if (messageId === undefined) hiddenKeyboards.delete(chatId);
    else hiddenKeyboards.set(chatId, messageId);
    setHiddenFor(messageId);
  }

  function tapKey(label: string) {
    session.sendText(chatId, label);
    if (keyboard?.oneTime) setHidden(keyboard.messageId);
  }

  // Typing "/" at the start suggests the bot's commands that match.
  const typed = /^\/(\S*)$/.exec(text);
  const suggestions = commands && typed ? commands.filter((c) => c.command.toLowerCase().startsWith(typed[1]!.toLowerCase())) : [];
  const showKeyboard = keyboard && hiddenFor !== keyboard.messageId;
  const hasKeys = !!keyboard?.rows.length;

  function onKey(e: KeyboardEvent) {
    if (e.key === "Tab" && suggestions.length && !e.shiftKey) {
      e.preventDefault();
      update(`/${suggestions[0]!.command}`);
      return;
    }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  }

  function onFile(e: Event) {
    const el = e.currentTarget as HTMLInputElement;
    for (const f of Array.from(el.files ?? [])) session.sendImage(chatId, f);
    el.value = "";
  }

  return (
    <div class="composer-wrap" ref={wrap}>
      <InlineResults chatId={chatId} />
      {menuOpen && commands && (
        <CommandList testid="command-menu" itemTestid="command-item" commands={commands} onPick={sendCommand} empty="This bot has no commands yet." />
      )}
      {!menuOpen && suggestions.length > 0 && (
        <CommandList testid="command-suggestions" itemTestid="command-suggestion" commands={suggestions} onPick={sendCommand} />
      )}
      {showKeyboard && hasKeys && (
        <div class="reply-keyboard" data-testid="reply-keyboard">
          {keyboard.rows.map((row, i) => (
            <div class="kb-row" key={i}>
              {row.map((b, j) => (
                <button type="button" class="kb-btn" key={j} data-testid="reply-key" onClick={() => tapKey(b.text)}>
                  <span class="kb-label">{b.text}</span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        {menuButton?.type === "web_app" ? (
          <WebAppButton text={menuButton.text} url={menuButton.web_app.url} />
        ) : commands && (
          <button
            type="button"
            class={`icon-btn command-btn${menuOpen ? " active" : ""}`}
            title="Bot commands"
            aria-label="Bot commands"
            aria-expanded={menuOpen}
            data-testid="command-menu-button"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            /
          </button>
        )}
        <button type="button" class="icon-btn" title="Send an image" aria-label="Send an image" data-testid="attach-button" onClick={() => file.current?.click()}>
          <Icon name="image" />
        </button>
        <input ref={file} type="file" accept={IMAGE_TYPES.join(",")} multiple hidden data-testid="image-input" onChange={onFile} />
        <textarea
          ref={input}
          rows={1}
          placeholder={(showKeyboard && keyboard.placeholder) || "Write a message…"}
          aria-label="Message"
          data-testid="composer-input"
          value={text}
          onInput={(e) => update(e.currentTarget.value)}
          onKeyDown={onKey}
        />
        {keyboard && hasKeys && (
          <button
            type="button"
            class={`icon-btn${showKeyboard ? " active" : ""}`}
            title={showKeyboard ? "Hide the bot's keyboard" : "Show the bot's keyboard"}
            aria-label={showKeyboard ? "Hide the bot's keyboard" : "Show the bot's keyboard"}
            data-testid="reply-keyboard-toggle"
            onClick={() => setHidden(showKeyboard ? keyboard.messageId : undefined)}
          >
            <Icon name="keyboard" />
          </button>
        )}
        <button type="submit" class="send-btn" aria-label="Send" title="Send" data-testid="send-button" disabled={!text.trim()}>
          <Icon name="send" />
        </button>
      </form>
    </div>
  );
}

function CommandList({
  commands,
  onPick,
  testid,
  itemTestid,
  empty,
}: {
  commands: BotCommand[];
  onPick: (command: string) => void;
  testid: string;
  itemTestid: string;
  empty?: string;
}) {
  return (
    <div class="command-list" role="menu" data-testid={testid}>
      {commands.length === 0 && <p class="muted small command-empty">{empty}</p>}
      {commands.map((c) => (
        <button type="button" role="menuitem" class="command-item" key={c.command} data-testid={itemTestid} data-command={c.command} onClick={() => onPick(c.command)}>
          <span class="command-name">/{c.command}</span>
          <span class="command-desc">{c.description}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * A Web App menu button opens its page in a new tab, as a safe link: an https URL only, with
 * no opener and no referrer (an iframe would need the app's strict frame policy loosened).
 */
function WebAppButton({ text, url }: { text: string; url: string }) {
  const safe = /^https:\/\//i.test(url);
  return (
    <a class="btn btn-small menu-app-btn" href={safe ? url : undefined} target="_blank" rel="noopener noreferrer" title={url} data-testid="menu-web-app">
      {text}
    </a>
  );
}
