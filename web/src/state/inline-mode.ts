// Inline mode and the inline buttons that lead to it, in the web app: the composer's
// "@bot query" asks the bot (debounced, the older request abandoned), the results show above
// the composer, a pick posts the result; switch buttons fill a composer (this chat's, or one
// the user picks); copy_text copies; login_url asks the user before the site learns who they
// are. Its own small store: these are moments of the UI, not the chats' state.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { chatAllowed, inlineText, type InlineTyped } from "../inline.ts";
import type { InlineAnswerView, InlineButton, InlineResultView } from "../types.ts";
import { reduce } from "./reduce.ts";
import { session } from "./session.ts";
import { Store } from "./store.ts";

/** How long typing pauses before the query goes: each keystroke is not a request. */
const DEBOUNCE_MS = 350;

export interface InlinePanel {
  chatId: number;
  username: string;
  query: string;
  /** loading: asked, waiting (up to ~10 s: the bot's time to answer); none: the bot gave nothing in time. */
  status: "loading" | "done" | "none" | "off" | "error";
  answer?: InlineAnswerView;
  /** The bot's placeholder, shown while the query is empty. */
  placeholder?: string;
  message?: string;
  loadingMore?: boolean;
}

export type ChosenChatFilter = NonNullable<InlineButton["switch_inline_query_chosen_chat"]>;

export interface InlineUi {
  panel: InlinePanel | null;
  /** Text for a chat's composer (a switch button, a pick): `seq` tells repeats apart. */
  fill: { chatId: number; text: string; seq: number } | null;
  /** A switch_inline_query button: the user picks the chat "@bot query" goes to. */
  pickChat: { text: string; filter?: ChosenChatFilter } | null;
  /** A login_url button: the site, the bot and the button, waiting for the user's yes. */
  login: { chatId: number; messageId: number; row: number; column: number; host: string; bot: string } | null;
}

class InlineMode {
  readonly store = new Store<InlineUi>({ panel: null, fill: null, pickChat: null, login: null });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | null = null;
  private seq = 0;
  private fills = 0;

  private get panel() {
    return this.store.state.panel;
  }

  /** The composer of `chatId` now holds `typed` (null: no inline query). */
  typed(chatId: number, typed: InlineTyped | null) {
    clearTimeout(this.timer);
    const now = this.panel;
    if (!typed) {
      if (now?.chatId === chatId) this.close();
      return;
    }
    if (now && now.chatId === chatId && now.username.toLowerCase() === typed.username.toLowerCase() && now.query === typed.query) return;
    const sameBot = now?.chatId === chatId && now.username.toLowerCase() === typed.username.toLowerCase();
    this.store.set({
      panel: {
        chatId,
        username: typed.username,
        query: typed.query,
        status: "loading",
        ...(sameBot && now.answer ? { answer: now.answer } : {}),
        ...(sameBot && now.placeholder ? { placeholder: now.placeholder } : {}),
      },
    });
    this.timer = setTimeout(() => void this.ask(chatId, typed), DEBOUNCE_MS);
  }

  close() {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    this.seq++;
    this.store.set({ panel: null });
  }

  private async ask(chatId: number, typed: InlineTyped, offset = "") {
    this.inFlight?.abort();
    const ctrl = new AbortController();
    this.inFlight = ctrl;
    const seq = ++this.seq;
    const update = (p: Partial<InlinePanel>) => {
      if (seq === this.seq && this.panel) this.store.set({ panel: { ...this.panel, ...p } });
    };
    const known = session.state.bots[typed.username.toLowerCase()] ?? (await session.loadBot(typed.username));
    if (seq !== this.seq) return;
    if (!known || known.inlinePlaceholder === undefined) {
      update({ status: "off", message: known ? `@${known.username} does not take inline queries` : `There is no bot @${typed.username}` });
      return;
    }
    update({ placeholder: known.inlinePlaceholder });
    try {
      const r = await session.api.inlineQuery(typed.username, chatId, typed.query, offset, ctrl.signal);
      if (seq !== this.seq) return;
      if (!r.answer) {
        update({ status: offset ? "done" : "none", loadingMore: false, ...(offset ? {} : { answer: undefined }) });
        return;
      }
      const before = offset ? (this.panel?.answer?.results ?? []) : [];
      update({ status: "done", loadingMore: false, answer: { ...r.answer, results: [...before, ...r.answer.results] } });
    } catch (e) {
      if (ctrl.signal.aborted || seq !== this.seq) return;
      if (e instanceof ApiError && e.code === "inline_off") update({ status: "off", message: `@${typed.username} does not take inline queries` });
      else update({ status: "error", loadingMore: false, message: e instanceof ApiError ? e.message : "Could not ask the bot" });
    }
  }

  /** The bot's next page of results (its next_offset). */
  more() {
    const p = this.panel;
    if (!p?.answer?.nextOffset || p.loadingMore) return;
    this.store.set({ panel: { ...p, loadingMore: true } });
    void this.ask(p.chatId, { username: p.username, query: p.query }, p.answer.nextOffset);
  }

  /** Posts the picked result into the chat as my message, via the bot; the composer empties. */
  async choose(result: InlineResultView) {
    const p = this.panel;
    if (!p?.answer) return;
    try {
      const { message } = await session.api.chooseInlineResult(p.answer.bot.id, p.answer.queryId, result.id, p.chatId);
      session.store.replace(reduce(session.state, { type: "sent", chatId: p.chatId, clientMsgId: "", message }, Date.now()));
      this.close();
      this.fillComposer(p.chatId, "");
    } catch (e) {
      session.notify(e instanceof ApiError ? e.message : "Could not send that result");
    }
  }

  /** The button above the results: the bot's chat with a start parameter, or its Web App. */
  async resultsButton() {
    const p = this.panel;
    const b = p?.answer?.button;
    if (!p || !b) return;
    if (b.webAppUrl) {
      window.open(b.webAppUrl, "_blank", "noopener,noreferrer");
      return;
    }
    this.close();
    try {
      await session.startBot(p.answer!.bot.username, b.startParameter || undefined);
    } catch (e) {
      session.notify(e instanceof ApiError ? e.message : "Could not open the bot");
    }
  }

  fillComposer(chatId: number, text: string) {
    this.store.set({ fill: { chatId, text, seq: ++this.fills } });
  }

  /** The composer took the text: it is not put there again when the composer comes back. */
  filled() {
    this.store.set({ fill: null });
  }

  /** switch_inline_query_current_chat: "@bot query" in this chat's composer. */
  switchHere(chatId: number, bot: string, query: string) {
    this.fillComposer(chatId, inlineText(bot, query));
  }

  /** switch_inline_query (and its chosen-chat form): the user picks the chat first. */
  switchElsewhere(bot: string, query: string, filter?: ChosenChatFilter) {
    this.store.set({ pickChat: { text: inlineText(bot, query), ...(filter ? { filter } : {}) } });
  }

  /** Whether the chat picker may offer a chat (a chosen-chat button's kinds). */
  offers(chat: { id: number; type: "private" | "group" }): boolean {
    const filter = this.store.state.pickChat?.filter;
    const isBot = !!session.state.details[chat.id]?.members.find((m) => m.id === chat.id)?.isBot || !!Object.values(session.state.bots).find((b) => b.id === chat.id);
    return chatAllowed(filter, { type: chat.type, isBot });
  }

  picked(chatId: number | null) {
    const pick = this.store.state.pickChat;
    this.store.set({ pickChat: null });
    if (!pick || chatId === null) return;
    this.fillComposer(chatId, pick.text);
    session.openChat(chatId);
  }

  async copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      session.notify("Copied to clipboard");
    } catch {
      session.notify("Copying is not allowed here");
    }
  }

  askLogin(ask: NonNullable<InlineUi["login"]>) {
    this.store.set({ login: ask });
  }

  /** The user's answer to a login_url button: on yes, the site opens with their signed login data. */
  async answerLogin(yes: boolean) {
    const ask = this.store.state.login;
    this.store.set({ login: null });
    if (!ask || !yes) return;
    // Opened at once, within the click, so no popup blocker stops it; pointed at the site once signed.
    const tab = window.open("about:blank", "_blank");
    try {
      const { url } = await session.api.loginUrl(ask.chatId, ask.messageId, ask.row, ask.column);
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else window.open(url, "_blank", "noopener,noreferrer");
    } catch (e) {
      tab?.close();
      session.notify(e instanceof ApiError ? e.message : "Could not log in");
    }
  }
}

export const inlineMode = new InlineMode();

/** A slice of the inline UI's state, re-rendering only when it changes. */
export function useInline<T>(pick: (s: InlineUi) => T): T {
  const value = pick(inlineMode.store.state);
  const [, rerender] = useState(0);
  const latest = useRef({ pick, value });
  latest.current = { pick, value };
  useEffect(() => {
    const check = () => {
      const { pick, value } = latest.current;
      if (!Object.is(value, pick(inlineMode.store.state))) rerender((n) => n + 1);
    };
    check();
    return inlineMode.store.subscribe(check);
  }, []);
  return value;
}
