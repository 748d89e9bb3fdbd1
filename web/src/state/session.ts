// The signed-in session: the API client, the live stream, routing and timers. What events
// and answers do to the state is decided in `reduce.ts`; this file runs the side effects.
import { Api, ApiError, Stream } from "../api.ts";
import type { BotProfile, ServerEvent, User } from "../types.ts";
import { initialState, type AppState, type Pending } from "./model.ts";
import { deserialize, outboxKey, sendOutcome, serialize, toResend } from "./outbox.ts";
import { reduce, type Action } from "./reduce.ts";
import { chatIdFromHash, deepLinkFromUrl } from "./route.ts";
import { Store } from "./store.ts";

export type { AppState, History, Pending } from "./model.ts";

const TOKEN_KEY = "switchboard.token";
/** The signed-in user, kept with the token so a reload without a connection still opens the app. */
const USER_KEY = "switchboard.user";
const PAGE = 50;
const LATEST = 2147483647;
/** How long a pressed inline button spins when the bot never answers. */
const PRESS_MS = 10_000;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
const UNAVAILABLE = "This chat does not exist, or you are not a member of it.";

export class Session {
  readonly store = new Store<AppState>(initialState);
  readonly api = new Api(localStorage.getItem(TOKEN_KEY));
  private stream: Stream | null = null;
  private everOpened = false;
  private firstLoad: Promise<void> | null = null;
  private flushing = false;
  /** History loads under way (`latest:<chatId>`): the socket opening meanwhile does not repeat them. */
  private loading = new Set<string>();
  private readInFlight = new Set<number>();
  private lastTypingSent = new Map<number, number>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private answerTimer: ReturnType<typeof setTimeout> | undefined;
  private pressTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Told every stream event after the reducer took it (areas that keep their own state: profiles). */
  readonly listeners = new Set<(e: ServerEvent) => void>();

  constructor() {
    this.api.onUnauthorized = () => this.signOut(false);
    window.addEventListener("hashchange", () => this.followHash());
    window.addEventListener("popstate", () => this.followHash());
    document.addEventListener("visibilitychange", () => this.markReadIfViewing());
    window.addEventListener("focus", () => this.markReadIfViewing());
    window.addEventListener("online", () => this.stream?.kick());
    this.store.subscribe(outboxKeeper(this.store));
  }

  get state() {
    return this.store.state;
  }

  private apply(action: Action) {
    this.store.replace(reduce(this.store.state, action, Date.now()));
  }

  /** On page load: resume the stored session, if any. */
  async boot() {
    if (!this.api.token) {
      this.store.set({ booting: false });
      return;
    }
    const cached = readUser();
    // Open at once as the user we were (the outbox shows even offline); a 401 from any
    // call below signs out.
    if (cached) this.begin(cached);
    try {
      const { user } = await this.api.me();
      if (cached) this.store.set({ me: user });
      else this.begin(user);
      localStorage.setItem(USER_KEY, JSON.stringify(user));
    } catch (e) {
      // A network failure keeps the token (we may be offline); a 401 already signed out.
      if (e instanceof ApiError && e.status === 0 && !cached) this.store.set({ notice: e.message });
      if (!cached) this.store.set({ booting: false });
    }
  }

  async signIn(mode: "login" | "register", handle: string, password: string, displayName?: string) {
    const r = mode === "login" ? await this.api.login(handle, password) : await this.api.register(handle, password, displayName);
    this.api.token = r.token;
    localStorage.setItem(TOKEN_KEY, r.token);
    localStorage.setItem(USER_KEY, JSON.stringify(r.user));
    this.begin(r.user);
  }

  /**
   * Ends the session. Leaving on purpose forgets the outbox too (the next person on this
   * browser must not send it); an expired session keeps it for the next sign-in.
   */
  async signOut(callServer = true) {
    const me = this.state.me;
    if (callServer) await this.api.logout().catch(() => {});
    if (callServer && me) localStorage.removeItem(outboxKey(me.id));
    this.stream?.stop();
    this.stream = null;
    this.everOpened = false;
    this.firstLoad = null;
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
    this.api.token = null;
    for (const t of this.pressTimers.values()) clearTimeout(t);
    this.pressTimers.clear();
    if (location.hash) history.replaceState(null, "", location.pathname);
    this.store.replace({ ...initialState, booting: false });
  }

  private begin(me: User) {
    this.apply({ type: "signed_in", me, outbox: deserialize(localStorage.getItem(outboxKey(me.id))) });
    this.firstLoad = this.refreshChats();
    this.stream = new Stream(this.api.token!, {
      event: (e) => this.onEvent(e),
      status: (status) => this.store.set({ status }),
      opened: () => this.onOpened(),
      sessionEnded: () => void this.signOut(false),
      replaced: () => this.notify("Disconnected: too many tabs or devices are open. Reload to reconnect."),
    });
    this.stream.start();
    this.followHash();
    void this.followDeepLink();
  }

  /** The socket is (back) up: catch up on what could not load, send the outbox, then sync. */
  private async onOpened(): Promise<Record<string, number>> {
    // The first sync covers whatever arrived between the chat list and the socket.
    await this.firstLoad;
    // Back after a gap (or never loaded, when the app opened offline): a fresh list and receipts.
    if (this.everOpened || !this.state.chatsLoaded) await this.refreshChats();
    const open = this.state.openChatId;
    if (open !== null) {
      const h = this.state.history[open];
      if (!h?.loaded && !h?.unavailable) void this.loadLatest(open);
      if (this.everOpened || !this.state.details[open]) void this.loadDetails(open);
    }
    this.everOpened = true;
    void this.flushOutbox();
    return this.syncCursors();
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
      this.apply({ type: "chats_loaded", chats });
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
    this.apply({ type: "chat_opened", chatId });
    if (chatId === null) return;
    void this.loadLatest(chatId);
    void this.loadDetails(chatId);
  }

  /** A refusal to show a chat (400, 403, 404) is an answer, not an outage: say so, once. */
  private failedToLoad(chatId: number, e: unknown) {
    if (!(e instanceof ApiError) || e.status === 401) return;
    if (e.status === 400 || e.status === 403 || e.status === 404) this.apply({ type: "chat_unavailable", chatId, reason: UNAVAILABLE });
    else this.notify(e.message);
  }

  private async loadLatest(chatId: number) {
    await this.loadOnce(`latest:${chatId}`, async () => {
      try {
        const { messages } = await this.api.messages(chatId, { before: LATEST, limit: PAGE });
        this.apply({ type: "page_loaded", chatId, messages, older: false, full: messages.length === PAGE });
        this.markReadIfViewing();
      } catch (e) {
        this.failedToLoad(chatId, e);
      }
    });
  }

  private async loadOnce(key: string, load: () => Promise<void>) {
    if (this.loading.has(key)) return;
    this.loading.add(key);
    try {
      await load();
    } finally {
      this.loading.delete(key);
    }
  }

  async loadOlder(chatId: number) {
    const h = this.state.history[chatId];
    if (!h?.loaded || !h.hasOlder || h.loadingOlder) return;
    const first = h.messages[0]?.id ?? LATEST;
    this.apply({ type: "older_loading", chatId, loading: true });
    try {
      const { messages } = await this.api.messages(chatId, { before: first, limit: PAGE });
      this.apply({ type: "page_loaded", chatId, messages, older: true, full: messages.length === PAGE });
    } catch (e) {
      this.apply({ type: "older_loading", chatId, loading: false });
      if (e instanceof ApiError) this.notify(e.message);
    }
  }

  async loadDetails(chatId: number) {
    try {
      const { chat } = await this.api.chat(chatId);
      this.apply({ type: "details_loaded", chat });
    } catch (e) {
      // The history's load reports a refusal; an outage is retried when the socket is back.
      if (e instanceof ApiError && e.status >= 500) this.notify(e.message);
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
      .then(({ read }) => this.apply({ type: "read_marked", chatId, readId: read.readId, unread: read.unread }))
      .catch(() => {})
      .finally(() => {
        this.readInFlight.delete(chatId);
        const h2 = this.state.history[chatId];
        if ((h2?.messages[h2.messages.length - 1]?.id ?? 0) > last) this.markReadIfViewing();
      });
  }

  // ---- incoming ------------------------------------------------------------------------

  private onEvent(e: ServerEvent) {
    // Decided on the state before the event: whether the deleted message was the list's last.
    const wasLast = e.type === "message_deleted" && this.state.chats.find((c) => c.id === e.chatId)?.lastMessage?.id === e.messageId;
    const pinsChanged = pinsChangedBy(e, this.state);
    this.apply(e);
    for (const listen of this.listeners) listen(e);
    if (pinsChanged) void this.loadDetails(e.chatId);
    switch (e.type) {
      case "message":
        this.afterMessage(e.chatId);
        break;
      case "message_deleted":
        if (wasLast) this.refreshChatsSoon();
        break;
      case "typing":
        this.scheduleTypingPurge();
        break;
      case "chat_joined":
        this.refreshChatsSoon();
        break;
      case "chat_left":
        if (this.state.openChatId === e.chatId) this.openChat(null);
        break;
      case "members_changed":
        if (this.state.details[e.chatId] || this.state.openChatId === e.chatId) void this.loadDetails(e.chatId);
        break;
      case "callback_answer":
        this.clearPressTimers(`${e.chatId}:${e.messageId}:`);
        if (e.text || e.url) this.showAnswer({ text: e.text ?? "", alert: !!e.showAlert, ...(e.url ? { url: e.url } : {}) });
        break;
      case "synced": {
        // The reducer dropped the histories with a gap; the open one loads its latest page again.
        const open = this.state.openChatId;
        if (open !== null && e.truncated?.includes(open)) void this.loadLatest(open);
        break;
      }
      default:
        break;
    }
  }

  private afterMessage(chatId: number) {
    if (!this.state.chats.some((c) => c.id === chatId)) this.refreshChatsSoon();
    if (chatId === this.state.openChatId) this.markReadIfViewing();
  }

  private scheduleTypingPurge() {
    clearTimeout(this.typingTimer);
    const all = Object.values(this.state.typing).flat();
    if (!all.length) return;
    const next = Math.min(...all.map((t) => t.until));
    this.typingTimer = setTimeout(
      () => {
        this.apply({ type: "typing_expired" });
        this.scheduleTypingPurge();
      },
      Math.max(50, next - Date.now() + 20),
    );
  }

  // ---- outgoing ------------------------------------------------------------------------

  sendText(chatId: number, text: string) {
    const body = text.trim();
    if (!body) return;
    void this.dispatch({ chatId, clientMsgId: crypto.randomUUID(), text: body, date: Date.now() / 1000, state: "sending" });
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
    void this.dispatch({
      chatId,
      clientMsgId: crypto.randomUUID(),
      text: "",
      file,
      previewUrl: URL.createObjectURL(file),
      date: Date.now() / 1000,
      state: "sending",
    });
  }

  /** Sends again with the same clientMsgId, so the server never stores it twice. */
  retry(clientMsgId: string) {
    const p = this.state.pending.find((x) => x.clientMsgId === clientMsgId);
    if (p && p.state !== "sending") void this.deliver(p);
  }

  discard(clientMsgId: string) {
    this.apply({ type: "discarded", clientMsgId });
  }

  private async dispatch(p: Pending) {
    this.apply({ type: "queued", pending: p });
    this.lastTypingSent.delete(p.chatId);
    await this.deliver(p);
  }

  /** One attempt to send `p`; resolves to false when the server could not be reached. */
  private async deliver(p: Pending): Promise<boolean> {
    this.apply({ type: "sending", clientMsgId: p.clientMsgId });
    try {
      const { message } = p.file
        ? await this.api.sendMedia(p.chatId, p.file, p.clientMsgId, p.text || undefined)
        : await this.api.send(p.chatId, p.text, p.clientMsgId);
      this.apply({ type: "sent", chatId: p.chatId, clientMsgId: p.clientMsgId, message });
      this.afterMessage(p.chatId);
      return true;
    } catch (e) {
      const outcome = e instanceof ApiError ? sendOutcome(e.status, e.code) : "unsent";
      if (outcome === "drop") this.apply({ type: "discarded", clientMsgId: p.clientMsgId });
      else this.apply({ type: "send_failed", clientMsgId: p.clientMsgId, state: outcome, reason: e instanceof ApiError ? e.message : "Could not send" });
      return outcome !== "unsent";
    }
  }

  /** Sends, in order, what could not reach the server; stops at the first that still cannot. */
  private async flushOutbox() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (const p of toResend(this.state.pending)) {
        const now = this.state.pending.find((x) => x.clientMsgId === p.clientMsgId);
        if (now?.state !== "unsent") continue;
        if (!(await this.deliver(now))) break;
      }
    } finally {
      this.flushing = false;
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
      this.apply({ type: "chat_added", chat: { ...chat, lastMessage: null, unread: 0 } });
    }
    this.openChat(userId);
  }

  async createGroup(title: string, memberIds: number[]) {
    const { chat } = await this.api.createGroup(title, memberIds);
    this.apply({ type: "chat_added", chat: { ...chat, lastMessage: null, unread: 0 } });
    this.openChat(chat.id);
  }

  // ---- bots ----------------------------------------------------------------------------

  /** Loads a bot's profile and command menu (again, so new commands show up). */
  async loadBot(username: string): Promise<BotProfile | null> {
    try {
      const { bot } = await this.api.bot(username, navigator.language);
      this.apply({ type: "bot_loaded", bot });
      return bot;
    } catch {
      return null;
    }
  }

  /**
   * Starts a bot (optionally with a deep-link payload) and opens its chat. A bot I blocked
   * is not unblocked behind my back: the server refuses, and I am asked (`askUnblock`).
   */
  async startBot(username: string, payload?: string, unblock = false) {
    let started: { chat: { id: number } };
    try {
      started = await this.api.startBot(username, payload, unblock);
    } catch (e) {
      if (e instanceof ApiError && e.code === "bot_blocked" && !unblock) {
        this.store.set({ askUnblock: payload ? { username, payload } : { username } });
        return;
      }
      throw e;
    }
    const { chat } = started;
    const bot = await this.loadBot(username);
    this.apply({ type: "blocked_set", botId: chat.id, blocked: false }); // a start goes through only unblocked
    const title = bot?.name ?? username;
    this.apply({ type: "chat_added", chat: { id: chat.id, type: "private", title, lastMessage: null, unread: 0 } });
    this.refreshChatsSoon();
    // Started from its empty chat (previewBot): that chat is open already, and now has messages.
    if (this.state.openChatId === chat.id) {
      void this.loadLatest(chat.id);
      void this.loadDetails(chat.id);
    }
    this.openChat(chat.id);
  }

  /**
   * Opens the chat with a bot before starting it, as Telegram does: a chat I am not in yet,
   * which shows the bot's description and a Start button (ChatView's BotIntro).
   */
  async previewBot(username: string) {
    const bot = await this.loadBot(username);
    if (bot) this.openChat(bot.id);
  }

  async setBotBlocked(botId: number, username: string, blocked: boolean) {
    try {
      await this.api.blockBot(username, blocked);
      this.apply({ type: "blocked_set", botId, blocked });
    } catch (e) {
      this.notify(e instanceof ApiError ? e.message : "Could not change the block");
    }
  }

  // ---- polls, reactions, pins: the answer is the message as it now is; everyone else sees it live

  async vote(chatId: number, messageId: number, options: number[]) {
    try {
      const { message } = await this.api.vote(chatId, messageId, options);
      this.apply({ type: "message_edited", chatId, message });
    } catch (e) {
      this.notify(e instanceof ApiError ? e.message : "Your vote did not get through");
    }
  }

  async react(chatId: number, messageId: number, emoji: string) {
    try {
      const { message } = await this.api.react(chatId, messageId, emoji);
      this.apply({ type: "message_edited", chatId, message });
    } catch (e) {
      this.notify(e instanceof ApiError ? e.message : "Your reaction did not get through");
    }
  }

  async setPinned(chatId: number, messageId: number, pinned: boolean) {
    try {
      await this.api.setPinned(chatId, messageId, pinned);
      await this.loadDetails(chatId);
    } catch (e) {
      this.notify(e instanceof ApiError ? e.message : pinned ? "Could not pin the message" : "Could not unpin the message");
    }
  }

  /** Presses an inline callback button: it spins until the bot answers (or ~10 s pass). */
  async pressButton(chatId: number, messageId: number, data: string) {
    const key = `${chatId}:${messageId}:${data}`;
    if (this.state.pressing[key]) return;
    this.apply({ type: "press_started", key });
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
    this.clearPressTimers(prefix);
    this.apply({ type: "press_ended", prefix });
  }

  private clearPressTimers(prefix: string) {
    for (const [k, t] of this.pressTimers) {
      if (!k.startsWith(prefix)) continue;
      clearTimeout(t);
      this.pressTimers.delete(k);
    }
  }

  private showAnswer(answer: { text: string; alert: boolean; url?: string }) {
    clearTimeout(this.answerTimer);
    this.store.set({ botAnswer: answer });
    if (!answer.alert) this.answerTimer = setTimeout(() => this.dismissAnswer(), 5000);
  }

  /** The answer to `askUnblock`: unblock the bot and start it, or leave it blocked. */
  async answerUnblock(unblock: boolean) {
    const ask = this.state.askUnblock;
    this.store.set({ askUnblock: null });
    if (!ask || !unblock) return;
    try {
      await this.startBot(ask.username, ask.payload, true);
    } catch (e) {
      this.notify(e instanceof ApiError ? `Could not start @${ask.username}: ${e.message}` : `Could not start @${ask.username}`);
    }
  }

  dismissAnswer() {
    clearTimeout(this.answerTimer);
    this.store.set({ botAnswer: null });
  }
}

/** Whether an event changes which messages are pinned in a chat whose details are held (its pinned bar). */
function pinsChangedBy(e: ServerEvent, s: AppState): e is Extract<ServerEvent, { chatId: number }> {
  if (e.type !== "message" && e.type !== "message_edited" && e.type !== "message_deleted") return false;
  const pinned = s.details[e.chatId]?.pinnedMessageIds;
  if (!pinned) return false;
  if (e.type === "message_deleted") return pinned.includes(e.messageId);
  if (e.type === "message") return e.message.pinnedMessage !== undefined;
  return !!e.message.pinned !== pinned.includes(e.message.id);
}

function readUser(): User | null {
  try {
    const user = JSON.parse(localStorage.getItem(USER_KEY) ?? "null") as User | null;
    return user && typeof user.id === "number" ? user : null;
  } catch {
    return null;
  }
}

/**
 * Follows the pending list: writes the outbox to storage when it changes, and releases the
 * preview (an object URL holding the image in memory) of every placeholder that left it,
 * however it left (sent, echoed on the stream, discarded, signed out).
 */
function outboxKeeper(store: Store<AppState>): () => void {
  let held: Pending[] = store.state.pending;
  let owner: number | null = store.state.me?.id ?? null;
  return () => {
    const { pending, me } = store.state;
    if (pending === held && (me?.id ?? null) === owner) return;
    for (const p of held) if (p.previewUrl && !pending.some((x) => x.previewUrl === p.previewUrl)) URL.revokeObjectURL(p.previewUrl);
    if (me) {
      const raw = serialize(pending);
      if (raw) localStorage.setItem(outboxKey(me.id), raw);
      else localStorage.removeItem(outboxKey(me.id));
    }
    held = pending;
    owner = me?.id ?? null;
  };
}

export const session = new Session();
