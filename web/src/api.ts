// The HTTP client and the live stream. Knows the wire, nothing about the UI.
import { REPLACED_BY_NEWER, SESSION_ENDED } from "../../src/protocol/index.ts";
import type { StreamStatus } from "./state/model.ts";
import type { BotListing, BotProfile, BotStatus, ChatDetails, ChatListItem, Message, OwnedBot, ServerEvent, User } from "./types.ts";
import type { InlineAnswerView } from "./types.ts";
import type { ChatBotMenu } from "./types.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

export class Api {
  /** Called when the server says the session is gone (401 on an authenticated call). */
  onUnauthorized: () => void = () => {};

  constructor(public token: string | null = null) {}

  /** One call of the client API; areas with their own clients (profiles-api.ts) go through it too. */
  async request<T>(method: string, path: string, body?: Json | FormData, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: payload, ...(signal ? { signal } : {}) });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new ApiError(0, "network", "Cannot reach the server. Check your connection.");
    }
    const data = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
    if (!res.ok) {
      if (res.status === 401 && this.token) this.onUnauthorized();
      const err = data?.error;
      throw new ApiError(res.status, err?.code ?? "http", err?.message ?? `Request failed (${res.status})`);
    }
    return data as T;
  }

  register(handle: string, password: string, displayName?: string) {
    return this.request<{ user: User; token: string }>("POST", "/api/v1/auth/register", {
      handle,
      password,
      ...(displayName ? { displayName } : {}),
    });
  }
  login(handle: string, password: string) {
    return this.request<{ user: User; token: string }>("POST", "/api/v1/auth/login", { handle, password });
  }
  logout() {
    return this.request<unknown>("POST", "/api/v1/auth/logout");
  }
  me() {
    return this.request<{ user: User }>("GET", "/api/v1/me");
  }

  friends() {
    return this.request<{ friends: User[] }>("GET", "/api/v1/friends");
  }
  friendRequests() {
    return this.request<{ incoming: User[]; outgoing: User[] }>("GET", "/api/v1/friends/requests");
  }
  addFriend(handle: string) {
    return this.request<{ request: { userId: number; status: "pending" | "accepted" } }>("POST", "/api/v1/friends", { handle });
  }
  acceptFriend(userId: number) {
    return this.request<{ friend: User }>("POST", `/api/v1/friends/${userId}/accept`);
  }

  chats() {
    return this.request<{ chats: ChatListItem[] }>("GET", "/api/v1/chats");
  }
  chat(chatId: number) {
    return this.request<{ chat: ChatDetails }>("GET", `/api/v1/chats/${chatId}`);
  }
  createGroup(title: string, memberIds: number[]) {
    return this.request<{ chat: { id: number; type: "group"; title: string } }>("POST", "/api/v1/chats", {
      type: "group",
      title,
      memberIds,
    });
  }
  openPrivate(userId: number) {
    return this.request<{ chat: { id: number; type: "private"; title: string } }>("POST", "/api/v1/chats", {
      type: "private",
      userId,
    });
  }
  messages(chatId: number, q: { before?: number; after?: number; limit?: number }) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
    return this.request<{ messages: Message[] }>("GET", `/api/v1/chats/${chatId}/messages?${params}`);
  }
  send(chatId: number, text: string, clientMsgId: string) {
    return this.request<{ message: Message }>("POST", `/api/v1/chats/${chatId}/messages`, { text, clientMsgId });
  }
  sendMedia(chatId: number, file: File, clientMsgId: string, caption?: string) {
    const form = new FormData();
    form.set("file", file);
    form.set("clientMsgId", clientMsgId);
    if (caption) form.set("caption", caption);
    return this.request<{ message: Message }>("POST", `/api/v1/chats/${chatId}/media`, form);
  }
  markRead(chatId: number, messageId: number) {
    return this.request<{ read: { readId: number; unread: number } }>("POST", `/api/v1/chats/${chatId}/read`, { messageId });
  }
  typing(chatId: number) {
    return this.request<unknown>("POST", `/api/v1/chats/${chatId}/typing`);
  }

  /** Answers a poll (`[]` takes the answer back); the message comes back with the tallies. */
  vote(chatId: number, messageId: number, options: number[]) {
    return this.request<{ message: Message }>("POST", `/api/v1/chats/${chatId}/messages/${messageId}/vote`, { options });
  }
  /** Toggles my reaction (one emoji per message: a new one replaces mine). */
  react(chatId: number, messageId: number, emoji: string) {
    return this.request<{ message: Message }>("POST", `/api/v1/chats/${chatId}/messages/${messageId}/reactions`, { emoji });
  }
  setPinned(chatId: number, messageId: number, pinned: boolean) {
    return this.request<{ ok: true }>(pinned ? "POST" : "DELETE", `/api/v1/chats/${chatId}/messages/${messageId}/pin`);
  }

  /** Presses an inline button under a bot's message; the answer comes on the stream. */
  pressButton(chatId: number, messageId: number, data: string) {
    return this.request<{ ok: true }>("POST", `/api/v1/chats/${chatId}/callback`, { messageId, data });
  }

  // ---- inline mode ---------------------------------------------------------------------

  /** "@bot query" typed in a chat: the bot's results, or `answer: null` when it gave none in time. */
  inlineQuery(bot: string, chatId: number, query: string, offset = "", signal?: AbortSignal) {
    return this.request<{ queryId: string; answer: InlineAnswerView | null }>("POST", "/api/v1/inline/query", { bot, chatId, query, offset }, signal);
  }
  /** Posts a result into the chat as my message, via the bot. */
  chooseInlineResult(botId: number, queryId: string, resultId: string, chatId: number) {
    return this.request<{ message: Message }>("POST", "/api/v1/inline/choose", { botId, queryId, resultId, chatId });
  }
  /** A login_url button, after I confirmed: its URL with my signed login data. */
  loginUrl(chatId: number, messageId: number, row: number, column: number) {
    return this.request<{ url: string }>("POST", "/api/v1/inline/login", { chatId, messageId, row, column });
  }

  // ---- bots ----------------------------------------------------------------------------

  botDirectory(q: string) {
    return this.request<{ bots: BotListing[] }>("GET", `/api/v1/bots/directory?${new URLSearchParams(q ? { q } : {})}`);
  }
  /** A bot's profile; `lang` (the browser's language) picks its name and descriptions' language. */
  bot(username: string, lang?: string) {
    return this.request<{ bot: BotProfile }>("GET", `/api/v1/bots/${encodeURIComponent(username)}${lang ? `?${new URLSearchParams({ lang })}` : ""}`);
  }
  /** The chat's bots, with the commands and menu button each shows me here. */
  botMenu(chatId: number, lang?: string) {
    return this.request<{ bots: ChatBotMenu[] }>("GET", `/api/v1/chats/${chatId}/bot-menu${lang ? `?${new URLSearchParams({ lang })}` : ""}`);
  }
  /** Befriends the bot, opens the private chat with it and sends it `/start [payload]`. */
  /** Answers 409 `bot_blocked` for a bot I blocked, unless `unblock` says to unblock it. */
  startBot(username: string, payload?: string, unblock = false) {
    return this.request<{ chat: { id: number } }>("POST", `/api/v1/bots/${encodeURIComponent(username)}/start`, {
      ...(payload ? { payload } : {}),
      ...(unblock ? { unblock } : {}),
    });
  }
  blockBot(username: string, blocked: boolean) {
    return this.request<{ ok: true }>("POST", `/api/v1/bots/${encodeURIComponent(username)}/${blocked ? "block" : "unblock"}`);
  }
  createBot(input: { username: string; name: string; description?: string; about?: string; category?: string }) {
    return this.request<{ bot: { id: number; username: string; name: string }; token: string }>("POST", "/api/v1/bots", input);
  }
  myBots() {
    return this.request<{ bots: OwnedBot[] }>("GET", "/api/v1/bots/mine");
  }
  updateBot(username: string, change: { name?: string; description?: string; about?: string; category?: string; privacy?: boolean; inline?: { enabled: boolean; placeholder?: string } }) {
    return this.request<{ ok: true; status: BotStatus }>("PATCH", `/api/v1/bots/${encodeURIComponent(username)}`, change);
  }
  rotateBotToken(username: string) {
    return this.request<{ token: string }>("POST", `/api/v1/bots/${encodeURIComponent(username)}/token`);
  }

  /** Fetches an authenticated file (media needs the Bearer header) as a blob. */
  async blob(url: string): Promise<Blob> {
    const res = await fetch(url, { headers: this.token ? { Authorization: `Bearer ${this.token}` } : {} });
    if (!res.ok) throw new ApiError(res.status, "http", `Could not load file (${res.status})`);
    return res.blob();
  }
}

/**
 * The live stream: one WebSocket, reconnected with backoff, pinged every 25 s. On every
 * (re)connect it asks `since()` for the last message id held per chat and sends a sync, so
 * the server replays what was missed.
 */

export class Stream {
  private ws: WebSocket | null = null;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private closed = false;

  constructor(
    private readonly token: string,
    private readonly handlers: {
      event: (e: ServerEvent) => void;
      status: (s: StreamStatus) => void;
      /** Runs when the socket opens; resolves to the sync cursors to send. */
      opened: () => Promise<Record<string, number>>;
      /** The server closed the socket because its session is over (logout, expiry, password change). */
      sessionEnded: () => void;
      /** The server closed this socket to make room for a newer one of the same user. */
      replaced?: () => void;
    },
  ) {}

  start() {
    this.closed = false;
    this.connect();
  }

  stop() {
    this.closed = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.retryTimer);
    this.ws?.close();
    this.ws = null;
  }

  /** Reconnects now (e.g. when the browser comes back online). */
  kick() {
    if (this.closed) return;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.connect();
  }

  private connect() {
    this.handlers.status("connecting");
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${proto}//${location.host}/api/v1/stream?token=${encodeURIComponent(this.token)}`);
    this.ws = ws;
    ws.onopen = async () => {
      this.attempt = 0;
      this.handlers.status("online");
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ type: "ping" }), 25_000);
      try {
        const since = await this.handlers.opened();
        if (this.ws === ws) this.send({ type: "sync", since });
      } catch {
        /* the next reconnect retries */
      }
    };
    ws.onmessage = (ev) => {
      let event: ServerEvent;
      try {
        event = JSON.parse(String(ev.data)) as ServerEvent;
      } catch {
        return;
      }
      this.handlers.event(event);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      clearInterval(this.pingTimer);
      this.ws = null;
      if (this.closed) return;
      if (ev.code === SESSION_ENDED) {
        this.closed = true; // reconnecting with this token cannot work
        this.handlers.sessionEnded();
        return;
      }
      this.handlers.status("offline");
      // Reconnecting by itself would push out another of the user's sockets, which would do
      // the same: this one waits for kick() (the browser back online) or a reload.
      if (ev.code === REPLACED_BY_NEWER) {
        this.handlers.replaced?.();
        return;
      }
      const delay = Math.min(15_000, 500 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt++;
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  private send(frame: unknown) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }
}
