// The signed-in session: the API client, the live stream and the state the UI renders.
// Every server event and every HTTP answer is merged here, deduplicated by chatId + id.
import { Api, ApiError, Stream, type StreamStatus } from "../api.ts";
import type { BotProfile, ChatDetails, ChatSummary, Message, ServerEvent, User } from "../types.ts";
import { Store } from "./store.ts";

const TOKEN_KEY = "switchboard.token";
const PAGE = 50;
const LATEST = 2147483647;
const TYPING_MS = 6000;
/** How long a pressed inline button spins when the bot never answers. */
const PRESS_MS = 10_000;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

export interface History {
  messages: Message[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
}

/** A message on its way to the server, shown greyed until the server answers. */
export interface Pending {
  key: string;
  chatId: number;
  clientMsgId: string;
  text: string;
  file?: File;
  previewUrl?: string;
  date: number;
  failed?: string;
}

export interface Typist {
  userId: number;
  handle: string;
  until: number;
}

export interface AppState {
  booting: boolean;
  me: User | null;
  status: StreamStatus;
  chats: ChatSummary[];
  chatsLoaded: boolean;
  openChatId: number | null;
  history: Record<number, History>;
  details: Record<number, ChatDetails>;
  /** chatId → userId → that member's read cursor (last message id read). */
  reads: Record<number, Record<number, number>>;
  typing: Record<number, Typist[]>;
  pending: Pending[];
  notice: string | null;
  /** Inline buttons waiting for the bot's answer, as `chatId:messageId:data`. */
  pressing: Record<string, true>;
  /** The text of a bot's answer to a pressed button: a toast, or a dialog when `alert`. */
  botAnswer: { text: string; alert: boolean; url?: string } | null;
  /** Bots I have blocked (by id), as the server reports them in chat details. */
  blocked: Record<number, boolean>;
  /** Bot profiles (with their command menus), by lower-cased username. */
  bots: Record<string, BotProfile>;
}

const initial: AppState = {
  booting: true,
  me: null,
  status: "connecting",
  chats: [],
  chatsLoaded: false,
  openChatId: null,
  history: {},
  details: {},
  reads: {},
  typing: {},
  pending: [],
  notice: null,
  pressing: {},
  botAnswer: null,
  blocked: {},
  bots: {},
};

function insertSorted(list: Message[], m: Message): Message[] {
  if (list.some((x) => x.id === m.id)) return list;
  const out = [...list, m];
  if (list.length && list[list.length - 1]!.id > m.id) out.sort((a, b) => a.id - b.id);
  return out;
}

function mergeSorted(a: Message[], b: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of a) byId.set(m.id, m);
  for (const m of b) {
    // A page fetched before a live edit must not undo it: keep the later edit.
    const held = byId.get(m.id);
    if (!held || (m.editDate ?? 0) >= (held.editDate ?? 0)) byId.set(m.id, m);
  }
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

const emptyHistory: History = { messages: [], loaded: false, hasOlder: false, loadingOlder: false };

/** A deep link to a bot: `/?start=<botUsername>&payload=<payload>`. */
export function deepLinkFromUrl(): { username: string; payload?: string } | null {
  const q = new URLSearchParams(location.search);
  const username = q.get("start")?.trim().replace(/^@/, "");
  if (!username) return null;
  const payload = q.get("payload")?.trim();
  return payload ? { username, payload } : { username };
}

export function chatIdFromHash(): number | null {
  const m = /^#\/chat\/(-?\d+)$/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

export class Session {
  readonly store = new Store<AppState>(initial);
  readonly api = new Api(localStorage.getItem(TOKEN_KEY));
  private stream: Stream | null = null;
  private everOpened = false;
  private firstLoad: Promise<void> | null = null;
  private readInFlight = new Set<number>();
  private lastTypingSent = new Map<number, number>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private answerTimer: ReturnType<typeof setTimeout> | undefined;
  private pressTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    this.api.onUnauthorized = () => this.signOut(false);
    window.addEventListener("hashchange", () => this.followHash());
    window.addEventListener("popstate", () => this.followHash());
    document.addEventListener("visibilitychange", () => this.markReadIfViewing());
    window.addEventListener("focus", () => this.markReadIfViewing());
    window.addEventListener("online", () => this.stream?.kick());
  }

  get state() {
    return this.store.state;
  }

  /** On page load: resume the stored session, if any. */
  async boot() {
    if (!this.api.token) {
      this.store.set({ booting: false });
      return;
    }
    try {
      const { user } = await this.api.me();
      this.begin(user);
    } catch (e) {
      // A network failure keeps the token (we may be offline); a 401 already signed out.
      if (e instanceof ApiError && e.status === 0) this.store.set({ notice: e.message });
      this.store.set({ booting: false });
    }
  }

  async signIn(mode: "login" | "register", handle: string, password: string, displayName?: string) {
    const r = mode === "login" ? await this.api.login(handle, password) : await this.api.register(handle, password, displayName);
    this.api.token = r.token;
    localStorage.setItem(TOKEN_KEY, r.token);
    this.begin(r.user);
  }

  async signOut(callServer = true) {
    if (callServer) await this.api.logout().catch(() => {});
    this.stream?.stop();
    this.stream = null;
    this.everOpened = false;
    this.firstLoad = null;
    localStorage.removeItem(TOKEN_KEY);
    this.api.token = null;
    for (const p of this.state.pending) if (p.previewUrl) URL.revokeObjectURL(p.previewUrl);
    for (const t of this.pressTimers.values()) clearTimeout(t);
    this.pressTimers.clear();
    if (location.hash) history.replaceState(null, "", location.pathname);
    this.store.set({ ...initial, booting: false });
  }

  private begin(me: User) {
    this.store.set({ me, booting: false, openChatId: null, blocked: {} });
    this.firstLoad = this.refreshChats();
    this.stream = new Stream(this.api.token!, {
      event: (e) => this.onEvent(e),
      status: (status) => this.store.set({ status }),
      opened: async () => {
        // The first sync covers whatever arrived between the chat list and the socket.
        await this.firstLoad;
        if (this.everOpened) {
          // Back after a gap: fresh list and receipts; the sync replays missed messages.
          await this.refreshChats();
          const open = this.state.openChatId;
          if (open !== null) void this.loadDetails(open);
        }
        this.everOpened = true;
        return this.syncCursors();
      },
    });
    this.stream.start();
    this.followHash();
    void this.followDeepLink();
  }

  /** `/?start=<bot>&payload=<p>`: start that bot with the payload and open its chat. */
  private async followDeepLink() {
    const link = deepLinkFromUrl();
    if (!link) return;
    // Drop the query first, so a reload or a failure does not start the bot again.
    history.replaceState(history.state, "", location.pathname + location.hash);
    try {
      await this.startBot(link.username, link.payload);
    } catch (e) {
      this.notify(e instanceof ApiError ? `Could not start @${link.username}: ${e.message}` : `Could not start @${link.username}`);
    }
  }

  /** The last message id held per chat: what the loaded history has, else the list's last. */
  private syncCursors(): Record<string, number> {
    const since: Record<string, number> = {};
    for (const c of this.state.chats) {
      const h = this.state.history[c.id];
      const held = h?.loaded ? (h.messages[h.messages.length - 1]?.id ?? 0) : (c.lastMessage?.id ?? 0);
      since[String(c.id)] = held;
    }
    return since;
  }

  notify(text: string) {
    clearTimeout(this.noticeTimer);
    this.store.set({ notice: text });
    this.noticeTimer = setTimeout(() => this.store.set({ notice: null }), 5000);
  }

  // ---- chats ---------------------------------------------------------------------------

  async refreshChats() {
    try {
      const { chats } = await this.api.chats();
      this.store.set((s) => ({
        chatsLoaded: true,
        // Keep a newer last message we already hold (a live event may beat the answer).
        chats: chats.map((c) => {
          const old = s.chats.find((o) => o.id === c.id);
          if (old?.lastMessage && (!c.lastMessage || old.lastMessage.id > c.lastMessage.id)) return { ...c, lastMessage: old.lastMessage };
          return c;
        }),
      }));
      const open = this.state.openChatId;
      if (open !== null && this.state.chats.some((c) => c.id === open)) this.markReadIfViewing();
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401) this.notify(e.message);
    }
  }

  private refreshChatsSoon() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshChats(), 300);
  }

  /**
   * Opens a chat (or, with null, goes back to the list). The open chat lives in the URL
   * (#/chat/<id>) so a reload keeps it and the browser's back button returns to the list.
   */
  openChat(chatId: number | null) {
    const current = this.state.openChatId;
    if (chatId === current) return;
    if (chatId === null) {
      // Back to the list: undo our own push if there is one, else just drop the hash.
      if ((history.state as { chat?: number } | null)?.chat === current) history.back();
      else {
        history.replaceState(null, "", location.pathname + location.search);
        this.followHash();
      }
      return;
    }
    const url = `#/chat/${chatId}`;
    if (current === null) history.pushState({ chat: chatId }, "", url);
    else history.replaceState({ chat: chatId }, "", url);
    this.followHash();
  }

  private followHash() {
    if (!this.state.me) return;
    const chatId = chatIdFromHash();
    if (chatId === this.state.openChatId) return;
    this.store.set({ openChatId: chatId });
    if (chatId === null) return;
    void this.loadLatest(chatId);
    void this.loadDetails(chatId);
  }

  private setHistory(chatId: number, patch: Partial<History>) {
    this.store.set((s) => {
      const h = s.history[chatId] ?? { messages: [], loaded: false, hasOlder: false, loadingOlder: false };
      return { history: { ...s.history, [chatId]: { ...h, ...patch } } };
    });
  }

  private async loadLatest(chatId: number) {
    try {
      const { messages } = await this.api.messages(chatId, { before: LATEST, limit: PAGE });
      const held = this.state.history[chatId];
      this.setHistory(chatId, {
        messages: mergeSorted(held?.messages ?? [], messages),
        loaded: true,
        hasOlder: held?.loaded ? held.hasOlder : messages.length === PAGE && messages[0]!.id > 1,
      });
      this.markReadIfViewing();
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401) this.notify(e.message);
    }
  }

  async loadOlder(chatId: number) {
    const h = this.state.history[chatId];
    if (!h?.loaded || !h.hasOlder || h.loadingOlder) return;
    const first = h.messages[0]?.id ?? LATEST;
    this.setHistory(chatId, { loadingOlder: true });
    try {
      const { messages } = await this.api.messages(chatId, { before: first, limit: PAGE });
      const now = this.state.history[chatId]!;
      this.setHistory(chatId, {
        messages: mergeSorted(messages, now.messages),
        hasOlder: messages.length === PAGE && messages[0]!.id > 1,
        loadingOlder: false,
      });
    } catch (e) {
      this.setHistory(chatId, { loadingOlder: false });
      if (e instanceof ApiError) this.notify(e.message);
    }
  }

  async loadDetails(chatId: number) {
    try {
      const { chat } = await this.api.chat(chatId);
      this.store.set((s) => {
        const reads = { ...(s.reads[chatId] ?? {}) };
        for (const m of chat.members) reads[m.id] = Math.max(reads[m.id] ?? 0, m.readId);
        const blocked = { ...s.blocked };
        if (chat.blocked) blocked[chatId] = true;
        else delete blocked[chatId];
        return { details: { ...s.details, [chatId]: chat }, reads: { ...s.reads, [chatId]: reads }, blocked };
      });
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401) this.notify(e.message);
    }
  }

  /** Marks the open chat read up to its last message when the user can see it. */
  markReadIfViewing() {
    const { openChatId: chatId, me } = this.state;
    if (chatId === null || !me || document.visibilityState !== "visible") return;
    const h = this.state.history[chatId];
    const last = h?.messages[h.messages.length - 1]?.id;
    if (!h?.loaded || last === undefined) return;
    const mine = this.state.reads[chatId]?.[me.id] ?? 0;
    const unread = this.state.chats.find((c) => c.id === chatId)?.unread ?? 0;
    if ((last <= mine && unread === 0) || this.readInFlight.has(chatId)) return;
    this.readInFlight.add(chatId);
    this.api
      .markRead(chatId, last)
      .then(({ read }) => {
        this.setRead(chatId, me.id, read.readId);
        this.setUnread(chatId, read.unread);
      })
      .catch(() => {})
      .finally(() => {
        this.readInFlight.delete(chatId);
        const h2 = this.state.history[chatId];
        if ((h2?.messages[h2.messages.length - 1]?.id ?? 0) > last) this.markReadIfViewing();
      });
  }

  private setRead(chatId: number, userId: number, readId: number) {
    this.store.set((s) => {
      const reads = { ...(s.reads[chatId] ?? {}) };
      reads[userId] = Math.max(reads[userId] ?? 0, readId);
      return { reads: { ...s.reads, [chatId]: reads } };
    });
  }

  private setUnread(chatId: number, unread: number) {
    this.store.set((s) => ({ chats: s.chats.map((c) => (c.id === chatId ? { ...c, unread } : c)) }));
  }

  // ---- incoming ------------------------------------------------------------------------

  /** Merges a message (live, replayed or our own answer) into history and the chat list. */
  private takeMessage(chatId: number, m: Message, unread?: number) {
    const me = this.state.me;
    this.store.set((s) => {
      const patch: Partial<AppState> = {};
      // The open chat's first page may still be on its way and predate this message (a bot
      // answers at once): hold it, the page is merged into what is held.
      const h = s.history[chatId] ?? (chatId === s.openChatId ? emptyHistory : undefined);
      if (h) patch.history = { ...s.history, [chatId]: { ...h, messages: insertSorted(h.messages, m) } };
      const idx = s.chats.findIndex((c) => c.id === chatId);
      if (idx >= 0) {
        const c = s.chats[idx]!;
        const newer = !c.lastMessage || m.id >= c.lastMessage.id;
        const updated: ChatSummary = { ...c, lastMessage: newer ? m : c.lastMessage, unread: unread ?? c.unread };
        const rest = s.chats.filter((_, i) => i !== idx);
        patch.chats = newer ? [updated, ...rest] : s.chats.map((x, i) => (i === idx ? updated : x));
      }
      // Our own message, seen before its POST answered: drop the matching placeholder.
      if (me && m.from.id === me.id) {
        const p = s.pending.find((p) => p.chatId === chatId && !p.failed && (p.file ? !!m.media : p.text === m.text));
        if (p) patch.pending = s.pending.filter((x) => x !== p);
      }
      const typists = s.typing[chatId];
      if (typists?.some((t) => t.userId === m.from.id)) {
        patch.typing = { ...s.typing, [chatId]: typists.filter((t) => t.userId !== m.from.id) };
      }
      return patch;
    });
    if (me && m.from.id === me.id) this.setRead(chatId, me.id, m.id); // sending reads the chat
    if (!this.state.chats.some((c) => c.id === chatId)) this.refreshChatsSoon();
    if (chatId === this.state.openChatId) this.markReadIfViewing();
  }

  private onEvent(e: ServerEvent) {
    const me = this.state.me;
    switch (e.type) {
      case "message":
        this.takeMessage(e.chatId, e.message, e.unread);
        break;
      case "message_edited":
        this.store.set((s) => {
          const h = s.history[e.chatId];
          // While the open chat's first page loads, hold the edit so a stale page cannot undo it.
          const messages = h ? h.messages.map((m) => (m.id === e.message.id ? e.message : m)) : [e.message];
          return {
            history: h || e.chatId === s.openChatId ? { ...s.history, [e.chatId]: { ...(h ?? emptyHistory), messages } } : s.history,
            chats: s.chats.map((c) => (c.id === e.chatId && c.lastMessage?.id === e.message.id ? { ...c, lastMessage: e.message } : c)),
          };
        });
        break;
      case "message_deleted": {
        const wasLast = this.state.chats.find((c) => c.id === e.chatId)?.lastMessage?.id === e.messageId;
        this.store.set((s) => {
          const h = s.history[e.chatId];
          return {
            history: h ? { ...s.history, [e.chatId]: { ...h, messages: h.messages.filter((m) => m.id !== e.messageId) } } : s.history,
          };
        });
        this.setUnread(e.chatId, e.unread);
        if (wasLast) this.refreshChatsSoon();
        break;
      }
      case "read":
        this.setRead(e.chatId, e.userId, e.messageId);
        if (me && e.userId === me.id && e.unread !== undefined) this.setUnread(e.chatId, e.unread);
        break;
      case "typing": {
        if (me && e.userId === me.id) break;
        const until = Date.now() + TYPING_MS;
        this.store.set((s) => {
          const list = (s.typing[e.chatId] ?? []).filter((t) => t.userId !== e.userId);
          return { typing: { ...s.typing, [e.chatId]: [...list, { userId: e.userId, handle: e.handle, until }] } };
        });
        this.scheduleTypingPurge();
        break;
      }
      case "chat_joined":
        this.store.set((s) =>
          s.chats.some((c) => c.id === e.chat.id) ? {} : { chats: [{ ...e.chat, lastMessage: null, unread: 0 }, ...s.chats] },
        );
        this.refreshChatsSoon();
        break;
      case "chat_left":
        this.store.set((s) => ({ chats: s.chats.filter((c) => c.id !== e.chatId) }));
        if (this.state.openChatId === e.chatId) this.openChat(null);
        break;
      case "members_changed":
        if (this.state.details[e.chatId] || this.state.openChatId === e.chatId) void this.loadDetails(e.chatId);
        break;
      case "callback_answer":
        this.pressed(`${e.chatId}:${e.messageId}:`);
        if (e.text || e.url) this.showAnswer({ text: e.text ?? "", alert: !!e.showAlert, ...(e.url ? { url: e.url } : {}) });
        break;
      default:
        break;
    }
  }

  private scheduleTypingPurge() {
    clearTimeout(this.typingTimer);
    const all = Object.values(this.state.typing).flat();
    if (!all.length) return;
    const next = Math.min(...all.map((t) => t.until));
    this.typingTimer = setTimeout(
      () => {
        const now = Date.now();
        this.store.set((s) => {
          const typing: Record<number, Typist[]> = {};
          for (const [id, list] of Object.entries(s.typing)) {
            const live = list.filter((t) => t.until > now);
            if (live.length) typing[Number(id)] = live;
          }
          return { typing };
        });
        this.scheduleTypingPurge();
      },
      Math.max(50, next - Date.now() + 20),
    );
  }

  // ---- outgoing ------------------------------------------------------------------------

  sendText(chatId: number, text: string) {
    const body = text.trim();
    if (!body) return;
    this.dispatch({ key: crypto.randomUUID(), chatId, clientMsgId: crypto.randomUUID(), text: body, date: Date.now() / 1000 });
  }

  sendImage(chatId: number, file: File) {
    if (!IMAGE_TYPES.includes(file.type)) {
      this.notify("Only JPEG, PNG, GIF and WebP images can be sent.");
      return;
    }
    if (file.size > MAX_IMAGE_BYTES) {
      this.notify("That image is larger than 10 MB.");
      return;
    }
    this.dispatch({
      key: crypto.randomUUID(),
      chatId,
      clientMsgId: crypto.randomUUID(),
      text: "",
      file,
      previewUrl: URL.createObjectURL(file),
      date: Date.now() / 1000,
    });
  }

  /** Sends again with the same clientMsgId, so the server never stores it twice. */
  retry(key: string) {
    const p = this.state.pending.find((x) => x.key === key);
    if (!p) return;
    this.store.set((s) => ({ pending: s.pending.filter((x) => x.key !== key) }));
    this.dispatch({ ...p, failed: undefined });
  }

  discard(key: string) {
    const p = this.state.pending.find((x) => x.key === key);
    if (p?.previewUrl) URL.revokeObjectURL(p.previewUrl);
    this.store.set((s) => ({ pending: s.pending.filter((x) => x.key !== key) }));
  }

  private async dispatch(p: Pending) {
    this.store.set((s) => ({ pending: [...s.pending, p] }));
    this.lastTypingSent.delete(p.chatId);
    try {
      const { message } = p.file
        ? await this.api.sendMedia(p.chatId, p.file, p.clientMsgId, p.text || undefined)
        : await this.api.send(p.chatId, p.text, p.clientMsgId);
      this.store.set((s) => ({ pending: s.pending.filter((x) => x.key !== p.key) }));
      if (p.previewUrl) URL.revokeObjectURL(p.previewUrl);
      this.takeMessage(p.chatId, message);
    } catch (e) {
      const reason = e instanceof ApiError ? e.message : "Could not send";
      this.store.set((s) => ({ pending: s.pending.map((x) => (x.key === p.key ? { ...x, failed: reason } : x)) }));
    }
  }

  /** Tells the others we are typing, at most once every 3 s. */
  typing(chatId: number) {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(chatId) ?? 0) < 3000) return;
    this.lastTypingSent.set(chatId, now);
    this.api.typing(chatId).catch(() => {});
  }

  /** Opens (creating if needed) the private chat with a friend. */
  async messageFriend(userId: number) {
    if (!this.state.chats.some((c) => c.id === userId)) {
      const { chat } = await this.api.openPrivate(userId);
      this.store.set((s) => (s.chats.some((c) => c.id === chat.id) ? {} : { chats: [{ ...chat, lastMessage: null, unread: 0 }, ...s.chats] }));
    }
    this.openChat(userId);
  }

  async createGroup(title: string, memberIds: number[]) {
    const { chat } = await this.api.createGroup(title, memberIds);
    this.store.set((s) => (s.chats.some((c) => c.id === chat.id) ? {} : { chats: [{ ...chat, lastMessage: null, unread: 0 }, ...s.chats] }));
    this.openChat(chat.id);
  }

  // ---- bots ----------------------------------------------------------------------------

  /** Loads a bot's profile and command menu (again, so new commands show up). */
  async loadBot(username: string): Promise<BotProfile | null> {
    try {
      const { bot } = await this.api.bot(username);
      this.store.set((s) => ({ bots: { ...s.bots, [bot.username.toLowerCase()]: bot } }));
      return bot;
    } catch {
      return null;
    }
  }

  /** Starts a bot (optionally with a deep-link payload) and opens its chat. */
  async startBot(username: string, payload?: string) {
    const [{ chat }, bot] = await Promise.all([this.api.startBot(username, payload), this.loadBot(username)]);
    this.setBlockedLocally(chat.id, false); // starting unblocks
    const title = bot?.name ?? username;
    this.store.set((s) => (s.chats.some((c) => c.id === chat.id) ? {} : { chats: [{ id: chat.id, type: "private", title, lastMessage: null, unread: 0 }, ...s.chats] }));
    this.refreshChatsSoon();
    this.openChat(chat.id);
  }

  async setBotBlocked(botId: number, username: string, blocked: boolean) {
    try {
      await this.api.blockBot(username, blocked);
      this.setBlockedLocally(botId, blocked);
    } catch (e) {
      this.notify(e instanceof ApiError ? e.message : "Could not change the block");
    }
  }

  private setBlockedLocally(botId: number, blocked: boolean) {
    this.store.set((s) => {
      const next = { ...s.blocked };
      if (blocked) next[botId] = true;
      else delete next[botId];
      return { blocked: next };
    });
  }

  /** Presses an inline callback button: it spins until the bot answers (or ~10 s pass). */
  async pressButton(chatId: number, messageId: number, data: string) {
    const key = `${chatId}:${messageId}:${data}`;
    if (this.state.pressing[key]) return;
    this.store.set((s) => ({ pressing: { ...s.pressing, [key]: true } }));
    clearTimeout(this.pressTimers.get(key));
    this.pressTimers.set(
      key,
      setTimeout(() => this.pressed(key), PRESS_MS),
    );
    try {
      await this.api.pressButton(chatId, messageId, data);
    } catch (e) {
      this.pressed(key);
      this.notify(e instanceof ApiError ? e.message : "The bot did not get that");
    }
  }

  /** Stops the spinners of every pressed button whose key starts with `prefix`. */
  private pressed(prefix: string) {
    const keys = Object.keys(this.state.pressing).filter((k) => k.startsWith(prefix));
    if (!keys.length) return;
    for (const k of keys) {
      clearTimeout(this.pressTimers.get(k));
      this.pressTimers.delete(k);
    }
    this.store.set((s) => {
      const pressing = { ...s.pressing };
      for (const k of keys) delete pressing[k];
      return { pressing };
    });
  }

  private showAnswer(answer: { text: string; alert: boolean; url?: string }) {
    clearTimeout(this.answerTimer);
    this.store.set({ botAnswer: answer });
    if (!answer.alert) this.answerTimer = setTimeout(() => this.dismissAnswer(), 5000);
  }

  dismissAnswer() {
    clearTimeout(this.answerTimer);
    this.store.set({ botAnswer: null });
  }
}

export const session = new Session();
