// One user's live connections: a hibernatable WebSocket per device. Each socket carries,
// in its attachment, the last message id it was given per chat, so a message is sent to a
// socket once even when fan-out is repeated or catch-up overlaps live traffic, and this
// survives the actor being evicted between messages. Each socket also names the session that
// opened it: a socket lives no longer than its session (logout, expiry, a password change).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { sessionUser } from "../accounts/queries.ts";
import { limitOf } from "../accounts/quotas.ts";
import { open } from "../platform/d1.ts";
import { chatKeyFor } from "./chat-ids.ts";
import { chatKeysOf } from "./chat-index.ts";
import { advance, catchUpRange, isNew, unseen, type Cursors } from "./delivery.ts";
import { REPLACED_BY_NEWER, SESSION_ENDED, type ClientEvent, type ClientFrame, type ServerEvent } from "../protocol/events.ts";
import type { Message } from "../protocol/messages.ts";

interface Attachment {
  userId: number;
  cursors: Cursors;
  /** The hash of the session token that opened the socket, and when that session ends (Unix seconds). */
  session: string;
  expiresAt: number;
  /** When the socket was accepted (ms); the oldest goes first when a user has too many. */
  openedAt?: number;
  /** Per chat, the first message sent live before the chat was ever synced on this socket (see catchUpRange). */
  liveFrom?: Record<string, number>;
}


const CATCH_UP_LIMIT = 1000;
/** Cursors live in the socket's attachment (at most 16 KiB), which bounds how many chats one sync names. */
const MAX_SYNC_CHATS = 500;

export class UserActor extends DurableObject<Env> {
  /** Sockets in the middle of catch-up, with the live events held back until it ends. */
  private readonly syncing = new Map<WebSocket, ClientEvent[]>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** Accepts a WebSocket upgrade already authenticated by the Worker. */
  override async fetch(request: Request): Promise<Response> {
    const userId = Number(request.headers.get("x-switchboard-user"));
    const session = request.headers.get("x-switchboard-session") ?? "";
    const expiresAt = Number(request.headers.get("x-switchboard-session-expires"));
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket" || !userId || !session || !expiresAt) {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    this.makeRoomForOne();
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ userId, cursors: {}, session, expiresAt, openedAt: Date.now() } satisfies Attachment);
    // The first socket makes the user present in their chats (later ones change nothing);
    // `ready` follows, so from then on every message of theirs comes live.
    // A logout that ran between the Worker's session check and here found no socket to close:
    // checked again now that the socket is one endSessions would find.
    if (!(await sessionUser(open(this.env.DB), session))) {
      this.closeEnded(server, "session ended");
      return new Response(null, { status: 101, webSocket: client });
    }
    if (this.openSockets(server).length === 0) await this.announcePresence(userId, true);
    server.send(JSON.stringify({ type: "ready", userId }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Tells each of the user's chats whether live events should come here. Only connects and
   * last disconnects do this, so a chat's fan-out costs what its online members cost, and
   * members without a socket catch up when they connect (by `sync`).
   */
  private async announcePresence(userId: number, online: boolean): Promise<void> {
    const at = Date.now();
    let keys = await chatKeysOf(open(this.env.DB), userId);
    for (let attempt = 1; keys.length && attempt <= 2; attempt++) {
      const results = await Promise.allSettled(keys.map((key) => this.env.CHATS.getByName(key).setPresence(userId, online, at)));
      keys = keys.filter((_, i) => results[i]!.status === "rejected"); // once more for those that failed
    }
    // Still failed: that chat keeps its old word until the next connect or a delivery to nobody.
    if (keys.length) console.error("presence not recorded in", keys.length, "chats");
  }

  /** Open sockets other than `except`. */
  private openSockets(except?: WebSocket): WebSocket[] {
    return this.ctx.getWebSockets().filter((ws) => ws !== except && ws.readyState === WebSocket.OPEN);
  }

  /** A socket went away: if it was the last, the user's chats stop sending live events here. */
  private socketGone(ws: WebSocket): void {
    this.syncing.delete(ws);
    if (this.openSockets(ws).length === 0) this.ctx.waitUntil(this.announcePresence(attachmentOf(ws).userId, false));
  }

  /**
   * A user holds at most QUOTA_SOCKETS_PER_USER sockets. A new one is never refused (it is
   * the device in front of the person); the oldest are closed to make room, usually a tab
   * left open somewhere. The user stays present: the new socket follows at once.
   */
  private makeRoomForOne(): void {
    const max = Math.max(1, limitOf(this.env, "sockets"));
    const open = this.ctx
      .getWebSockets()
      .filter((ws) => ws.readyState === WebSocket.OPEN)
      .sort((a, b) => (attachmentOf(a).openedAt ?? 0) - (attachmentOf(b).openedAt ?? 0));
    for (const ws of open.slice(0, Math.max(0, open.length - max + 1))) {
      this.syncing.delete(ws);
      try {
        ws.close(REPLACED_BY_NEWER, `too many open connections (at most ${max}); the oldest was closed`);
      } catch {
        // already closed
      }
    }
  }

  /** Closes every socket opened by one of these sessions (they have ended in D1 already). */
  endSessions(tokenHashes: string[]): number {
    const ended = new Set(tokenHashes);
    let closed = 0;
    for (const ws of this.ctx.getWebSockets()) {
      if (!ended.has(attachmentOf(ws).session)) continue;
      this.closeEnded(ws, "session ended");
      closed++;
    }
    return closed;
  }

  /**
   * Called by ChatActors, in order per chat. Answers how many sockets it reached, at this
   * actor's clock, so a chat that thought the user present learns otherwise.
   */
  deliver(events: ClientEvent[]): { sockets: number; at: number } {
    const at = Date.now();
    const sockets = this.ctx.getWebSockets().filter((ws) => this.live(ws));
    for (const ws of sockets) {
      const held = this.syncing.get(ws);
      if (held) {
        held.push(...events);
        continue;
      }
      try {
        this.sendFresh(ws, events);
      } catch (err) {
        // One broken socket must not fail the delivery to this user's other devices.
        console.error("socket delivery failed", err);
        ws.close(1011, "delivery failed; reconnect and sync");
      }
    }
    return { sockets: sockets.length, at };
  }

  /** How many devices are connected now. */
  connections(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    let frame: ClientFrame;
    try {
      frame = JSON.parse(typeof raw === "string" ? raw : new TextDecoder().decode(raw)) as ClientFrame;
    } catch {
      ws.send(JSON.stringify({ type: "error", message: "frames must be JSON" }));
      return;
    }
    // A frame is served only while the session that opened the socket still exists: it may
    // have ended where this actor did not hear of it.
    if (!this.live(ws) || !(await sessionUser(open(this.env.DB), attachmentOf(ws).session))) {
      this.closeEnded(ws, "session ended");
      return;
    }
    if (frame?.type === "sync" && frame.since && typeof frame.since === "object") {
      if (this.syncing.has(ws)) ws.send(JSON.stringify({ type: "error", message: "a sync is already running on this socket" }));
      else await this.catchUp(ws, frame.since);
    } else {
      ws.send(JSON.stringify({ type: "error", message: 'unknown frame; expected {"type":"sync","since":{chatId:lastMessageId}}' }));
    }
  }

  /** False, and the socket closed, once its session has expired (or it predates session-bound sockets). */
  private live(ws: WebSocket): boolean {
    const { session, expiresAt } = attachmentOf(ws);
    if (session && expiresAt * 1000 > Date.now()) return true;
    this.closeEnded(ws, "session expired");
    return false;
  }

  private closeEnded(ws: WebSocket, reason: string): void {
    try {
      ws.close(SESSION_ENDED, reason);
    } catch {
      // already closed
    }
    this.socketGone(ws);
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, "closed");
    } catch {
      // already closed
    }
    this.socketGone(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.socketGone(ws);
  }

  /**
   * A reconnecting client names the last message it saw per chat; it gets every later
   * message, in order, then `synced`. Live messages arriving meanwhile wait, then pass the
   * same cursor check, so nothing is missed or repeated.
   */
  private async catchUp(ws: WebSocket, since: Record<string, number>): Promise<void> {
    const me = (ws.deserializeAttachment() as Attachment).userId;
    this.syncing.set(ws, []);
    const truncated: number[] = [];
    try {
      let state = ws.deserializeAttachment() as Attachment;
      // Only chats the index says I am in are asked: naming other chat ids wakes no actor.
      const mine = new Set(await chatKeysOf(open(this.env.DB), me));
      for (const [chatIdText, lastSeen] of Object.entries(since).slice(0, MAX_SYNC_CHATS)) {
        const chatId = Number(chatIdText);
        const key = chatKeyFor(me, chatId);
        if (!key || !mine.has(key) || !Number.isSafeInteger(lastSeen) || lastSeen < 0) continue;
        const chat = this.env.CHATS.getByName(key);
        const range = catchUpRange(lastSeen, state.cursors[String(chatId)], state.liveFrom?.[String(chatId)]);
        if (state.liveFrom?.[String(chatId)] !== undefined) {
          const { [String(chatId)]: _synced, ...rest } = state.liveFrom;
          state = { ...state, liveFrom: rest };
        }
        let after = range.after;
        for (let fetched = 0; ; ) {
          if (fetched >= CATCH_UP_LIMIT) {
            truncated.push(chatId);
            break;
          }
          const page = await chat.catchUp(me, after, 100, Date.now());
          if (!page.ok) break; // not a member: nothing to send, and no cursor kept
          // The cursor starts where the client says it is, so older messages are not re-sent live.
          state = { ...state, cursors: { ...state.cursors, [String(chatId)]: Math.max(after, state.cursors[String(chatId)] ?? 0) } };
          if (page.value.length === 0) break;
          const messages = page.value as Message[];
          if (range.before !== null) {
            // The gap before the first live message: sent as it is, the cursor is already past it.
            const gap = messages.filter((m) => m.id < range.before!);
            for (const message of gap) ws.send(JSON.stringify({ type: "message", chatId, message }));
            if (gap.length < messages.length) break;
          } else {
            const { fresh, cursors } = unseen(state.cursors, messages);
            for (const message of fresh) ws.send(JSON.stringify({ type: "message", chatId, message }));
            state = { ...state, cursors };
          }
          after = messages.at(-1)!.id;
          fetched += messages.length;
        }
      }
      ws.serializeAttachment(state);
      const held = this.syncing.get(ws) ?? [];
      this.syncing.delete(ws);
      this.sendFresh(ws, held);
      // A chat past the catch-up limit is named, so the client pages its history instead.
      ws.send(JSON.stringify(truncated.length ? { type: "synced", truncated } : { type: "synced" }));
    } finally {
      this.syncing.delete(ws);
    }
  }

  private sendFresh(ws: WebSocket, events: ClientEvent[]): void {
    const state = ws.deserializeAttachment() as Attachment;
    let cursors = state.cursors;
    let liveFrom = state.liveFrom;
    for (const e of events) {
      if (e.type === "message") {
        if (!isNew(cursors, e.chatId, e.message.id)) continue;
        // The first message of a chat this socket never synced: the client's gap ends here.
        if (cursors[String(e.chatId)] === undefined) liveFrom = { ...liveFrom, [String(e.chatId)]: e.message.id };
        cursors = advance(cursors, e.chatId, e.message.id);
      }
      try {
        ws.send(JSON.stringify(e));
      } catch {
        return; // the socket closed under us; its close handler cleans up
      }
    }
    if (cursors !== state.cursors) ws.serializeAttachment({ ...state, cursors, ...(liveFrom ? { liveFrom } : {}) });
  }
}

function attachmentOf(ws: WebSocket): Attachment {
  return ws.deserializeAttachment() as Attachment;
}
