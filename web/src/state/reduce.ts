// The one transition function of the web app's data: a server event or an HTTP answer in,
// the next state out. It is pure (no timers, no DOM, no fetch, the time passed in), so it
// is tested under Deno; side effects stay in the session. A slice it does not touch keeps
// its identity, so components that select it do not re-render.
import type { BotProfile, ChatDetails, ChatListItem, Message, ServerEvent, User } from "../types.ts";
import { emptyHistory, type AppState, type History, type Pending, type Typist } from "./model.ts";

/** How long a "typing" lasts without a new one. */
export const TYPING_MS = 6000;

/** What the session learns from its own requests, beside the server's events. */
export type LocalAction =
  | { type: "signed_in"; me: User; outbox: Pending[] }
  | { type: "chats_loaded"; chats: ChatListItem[] }
  /** A chat I just made, opened or started, before the list says so. */
  | { type: "chat_added"; chat: ChatListItem }
  | { type: "chat_opened"; chatId: number | null }
  /** A page of history: the latest one, or one before what is held; `full` when it was a whole page. */
  | { type: "page_loaded"; chatId: number; messages: Message[]; older: boolean; full: boolean }
  | { type: "older_loading"; chatId: number; loading: boolean }
  | { type: "chat_unavailable"; chatId: number; reason: string }
  | { type: "details_loaded"; chat: ChatDetails }
  | { type: "read_marked"; chatId: number; readId: number; unread: number }
  | { type: "queued"; pending: Pending }
  | { type: "sending"; clientMsgId: string }
  /** The server's answer to my POST: the stored message, carrying my clientMsgId. */
  | { type: "sent"; chatId: number; clientMsgId: string; message: Message }
  | { type: "send_failed"; clientMsgId: string; state: "unsent" | "refused"; reason: string }
  | { type: "discarded"; clientMsgId: string }
  | { type: "typing_expired" }
  | { type: "bot_loaded"; bot: BotProfile }
  | { type: "blocked_set"; botId: number; blocked: boolean }
  | { type: "press_started"; key: string }
  /** Stops the spinners of pressed buttons whose key starts with `prefix`. */
  | { type: "press_ended"; prefix: string };

export type Action = ServerEvent | LocalAction;

export function reduce(s: AppState, a: Action, now: number): AppState {
  switch (a.type) {
    case "signed_in":
      return { ...s, me: a.me, booting: false, openChatId: null, blocked: {}, pending: a.outbox };
    case "chats_loaded":
      return {
        ...s,
        chatsLoaded: true,
        // Keep a newer last message we already hold (a live event may beat the answer).
        chats: a.chats.map((c) => {
          const old = s.chats.find((o) => o.id === c.id);
          if (old?.lastMessage && (!c.lastMessage || old.lastMessage.id > c.lastMessage.id)) return { ...c, lastMessage: old.lastMessage };
          return c;
        }),
      };
    case "chat_added":
    case "chat_joined": {
      const chat = a.type === "chat_added" ? a.chat : { ...a.chat, lastMessage: null, unread: 0 };
      return s.chats.some((c) => c.id === chat.id) ? s : { ...s, chats: [chat, ...s.chats] };
    }
    case "chat_left":
      return { ...s, chats: s.chats.filter((c) => c.id !== a.chatId) };
    case "chat_opened":
      return { ...s, openChatId: a.chatId };
    case "page_loaded": {
      const held = s.history[a.chatId];
      const hasOlder = a.full && (a.messages[0]?.id ?? 0) > 1;
      if (a.older) {
        if (!held) return s;
        return withHistory(s, a.chatId, { ...held, messages: mergeSorted(a.messages, held.messages), hasOlder, loadingOlder: false });
      }
      return withHistory(s, a.chatId, {
        ...(held ?? emptyHistory),
        messages: mergeSorted(held?.messages ?? [], a.messages),
        loaded: true,
        hasOlder: held?.loaded ? held.hasOlder : hasOlder,
        unavailable: undefined,
      });
    }
    case "older_loading": {
      const held = s.history[a.chatId];
      return held ? withHistory(s, a.chatId, { ...held, loadingOlder: a.loading }) : s;
    }
    case "chat_unavailable":
      return withHistory(s, a.chatId, { ...emptyHistory, unavailable: a.reason });
    case "details_loaded": {
      const chatId = a.chat.id;
      const reads = { ...(s.reads[chatId] ?? {}) };
      for (const m of a.chat.members) reads[m.id] = Math.max(reads[m.id] ?? 0, m.readId);
      return { ...setBlocked(s, chatId, !!a.chat.blocked), details: { ...s.details, [chatId]: a.chat }, reads: { ...s.reads, [chatId]: reads } };
    }
    case "read_marked":
      return setUnread(setRead(s, a.chatId, s.me?.id, a.readId), a.chatId, a.unread);
    case "queued":
      return { ...s, pending: [...s.pending.filter((p) => p.clientMsgId !== a.pending.clientMsgId), a.pending] };
    case "sending":
      return updatePending(s, a.clientMsgId, (p) => ({ ...p, state: "sending", reason: undefined }));
    case "send_failed":
      return updatePending(s, a.clientMsgId, (p) => ({ ...p, state: a.state, reason: a.reason }));
    case "discarded":
      return { ...s, pending: s.pending.filter((p) => p.clientMsgId !== a.clientMsgId) };
    case "sent": {
      const next = takeMessage(s, a.chatId, a.message);
      return next.pending.some((p) => p.clientMsgId === a.clientMsgId) ? { ...next, pending: next.pending.filter((p) => p.clientMsgId !== a.clientMsgId) } : next;
    }
    case "message":
      return takeMessage(s, a.chatId, a.message, a.unread);
    case "message_edited": {
      const h = s.history[a.chatId];
      // While the open chat's first page loads, hold the edit so a stale page cannot undo it.
      const messages = h ? h.messages.map((m) => (m.id === a.message.id ? a.message : m)) : [a.message];
      const history = h || a.chatId === s.openChatId ? { ...s.history, [a.chatId]: { ...(h ?? emptyHistory), messages } } : s.history;
      const chats = s.chats.map((c) => (c.id === a.chatId && c.lastMessage?.id === a.message.id ? { ...c, lastMessage: a.message } : c));
      // The pinned bar shows the message as it now is.
      const held = s.details[a.chatId];
      const details = held?.pinnedMessage?.id === a.message.id ? { ...s.details, [a.chatId]: { ...held, pinnedMessage: a.message } } : s.details;
      return { ...s, history, chats, details };
    }
    case "message_deleted": {
      const h = s.history[a.chatId];
      const next = h ? withHistory(s, a.chatId, { ...h, messages: h.messages.filter((m) => m.id !== a.messageId).map((m) => withoutDeleted(m, a.messageId)) }) : s;
      return setUnread(next, a.chatId, a.unread);
    }
    case "read": {
      const next = setRead(s, a.chatId, a.userId, a.messageId);
      return s.me && a.userId === s.me.id && a.unread !== undefined ? setUnread(next, a.chatId, a.unread) : next;
    }
    case "typing": {
      if (s.me && a.userId === s.me.id) return s;
      const list = (s.typing[a.chatId] ?? []).filter((t) => t.userId !== a.userId);
      return { ...s, typing: { ...s.typing, [a.chatId]: [...list, { userId: a.userId, handle: a.handle, until: now + TYPING_MS }] } };
    }
    case "typing_expired": {
      // Only the chats whose typists changed get a new list: the others keep their identity.
      let changed = false;
      const typing: Record<number, Typist[]> = {};
      for (const [id, list] of Object.entries(s.typing)) {
        const live = list.filter((t) => t.until > now);
        if (live.length !== list.length) changed = true;
        if (live.length) typing[Number(id)] = live.length === list.length ? list : live;
      }
      return changed ? { ...s, typing } : s;
    }
    case "synced": {
      // More was missed than one sync sends: what is held has a gap, so it is dropped and
      // the session loads the latest page again.
      if (!a.truncated?.some((id) => s.history[id])) return s;
      const history = { ...s.history };
      for (const id of a.truncated) delete history[id];
      return { ...s, history };
    }
    case "bot_loaded":
      return { ...s, bots: { ...s.bots, [a.bot.username.toLowerCase()]: a.bot } };
    case "blocked_set":
      return setBlocked(s, a.botId, a.blocked);
    case "press_started":
      return { ...s, pressing: { ...s.pressing, [a.key]: true } };
    case "press_ended":
    case "callback_answer": {
      const prefix = a.type === "press_ended" ? a.prefix : `${a.chatId}:${a.messageId}:`;
      const keys = Object.keys(s.pressing).filter((k) => k.startsWith(prefix));
      if (!keys.length) return s;
      const pressing = { ...s.pressing };
      for (const k of keys) delete pressing[k];
      return { ...s, pressing };
    }
    case "members_changed":
    // Profiles are held apart (profiles-state.ts, through session.listeners).
    case "profile_updated":
    case "workspace_left":
    case "workspace_invited":
    case "ready":
    case "pong":
    case "error":
      return s;
  }
}

/** Merges a message (live, replayed or the answer to my POST) into history and the chat list. */
function takeMessage(s: AppState, chatId: number, m: Message, unread?: number): AppState {
  let next = s;
  // The open chat's first page may still be on its way and predate this message (a bot
  // answers at once): hold it, the page is merged into what is held.
  const h = s.history[chatId] ?? (chatId === s.openChatId ? emptyHistory : undefined);
  if (h && !h.unavailable) next = withHistory(next, chatId, { ...h, messages: insertSorted(h.messages, m) });
  const idx = s.chats.findIndex((c) => c.id === chatId);
  if (idx >= 0) {
    const c = s.chats[idx]!;
    const newer = !c.lastMessage || m.id >= c.lastMessage.id;
    const updated: ChatListItem = { ...c, lastMessage: newer ? m : c.lastMessage, unread: unread ?? c.unread };
    const rest = s.chats.filter((_, i) => i !== idx);
    next = { ...next, chats: newer ? [updated, ...rest] : s.chats.map((x, i) => (i === idx ? updated : x)) };
  }
  const mine = s.me !== null && m.from.id === s.me.id;
  if (mine) {
    // The server echoes my clientMsgId: that, not the text, names the placeholder it replaces.
    if (m.clientMsgId !== undefined && s.pending.some((p) => p.clientMsgId === m.clientMsgId)) {
      next = { ...next, pending: s.pending.filter((p) => p.clientMsgId !== m.clientMsgId) };
    }
  }
  // Sending reads the chat, for anyone (the server moves the sender's read cursor so): a bot's
  // or a friend's answer shows my messages before it as read at once.
  next = setRead(next, chatId, m.from.id, m.id);
  const typists = s.typing[chatId];
  if (typists?.some((t) => t.userId === m.from.id)) {
    next = { ...next, typing: { ...s.typing, [chatId]: typists.filter((t) => t.userId !== m.from.id) } };
  }
  return next;
}

/**
 * A message as the server now shows it once message `deletedId` is gone: a reply quotes it no
 * more, a pin's notice names it only by id, with date 0 and no content.
 */
function withoutDeleted(m: Message, deletedId: number): Message {
  if (m.replyToMessage?.id === deletedId) {
    const { replyToMessage: _gone, ...rest } = m;
    return rest;
  }
  if (m.pinnedMessage?.id === deletedId && m.pinnedMessage.date !== 0) {
    const { id, chatId, from } = m.pinnedMessage;
    return { ...m, pinnedMessage: { id, chatId, from, date: 0, text: "" } };
  }
  return m;
}

function withHistory(s: AppState, chatId: number, h: History): AppState {
  return { ...s, history: { ...s.history, [chatId]: h } };
}

function setRead(s: AppState, chatId: number, userId: number | undefined, readId: number): AppState {
  if (userId === undefined) return s;
  const held = s.reads[chatId]?.[userId] ?? 0;
  if (readId <= held) return s;
  return { ...s, reads: { ...s.reads, [chatId]: { ...(s.reads[chatId] ?? {}), [userId]: readId } } };
}

function setUnread(s: AppState, chatId: number, unread: number): AppState {
  const c = s.chats.find((x) => x.id === chatId);
  if (!c || c.unread === unread) return s;
  return { ...s, chats: s.chats.map((x) => (x === c ? { ...x, unread } : x)) };
}

function setBlocked(s: AppState, botId: number, blocked: boolean): AppState {
  if (!!s.blocked[botId] === blocked) return s;
  const next = { ...s.blocked };
  if (blocked) next[botId] = true;
  else delete next[botId];
  return { ...s, blocked: next };
}

function updatePending(s: AppState, clientMsgId: string, change: (p: Pending) => Pending): AppState {
  if (!s.pending.some((p) => p.clientMsgId === clientMsgId)) return s;
  return { ...s, pending: s.pending.map((p) => (p.clientMsgId === clientMsgId ? change(p) : p)) };
}

export function insertSorted(list: Message[], m: Message): Message[] {
  if (list.some((x) => x.id === m.id)) return list;
  const out = [...list, m];
  if (list.length && list[list.length - 1]!.id > m.id) out.sort((a, b) => a.id - b.id);
  return out;
}

export function mergeSorted(a: Message[], b: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of a) byId.set(m.id, m);
  for (const m of b) {
    // A page fetched before a live edit must not undo it: keep the later edit.
    const held = byId.get(m.id);
    if (!held || (m.editDate ?? 0) >= (held.editDate ?? 0)) byId.set(m.id, m);
  }
  return [...byId.values()].sort((x, y) => x.id - y.id);
}
