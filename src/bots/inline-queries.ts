// Inline mode, in the BotActor: a user's "@bot query" becomes an inline_query update with an
// id; the bot's answerInlineQuery for that id is kept and handed to the user waiting for it
// (or, when the bot allowed caching, to the next user asking the same); the user's choice is
// posted into their chat as their own message "via @bot", and the bot is told with
// chosen_inline_result when it asked for that update.
//
// Bounds: an answer is taken only within ANSWER_WINDOW_MS of the query, once; the asker
// waits no longer than that; queries are kept KEEP_MS for choosing and at most MAX_QUERIES of
// them; at most MAX_CACHED answers are cached, none past its cache_time. Users' queries are
// counted by the client API's per-user quota before they reach the bot.
import type { Env } from "../env.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Message, Sender } from "../protocol/messages.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { NewMessage } from "../chat/log.ts";
import { removeMedia } from "../chat/media-store.ts";
import type { StoredAnswer, StoredResult } from "./inline-results.ts";
import { forgetThumbnails, thumbnailKeys } from "./inline-thumbnails.ts";
import { inlineMessageId } from "./opaque-ids.ts";
import type { BotResult } from "./reasons.ts";
import type { BotSending } from "./sending.ts";
import type { BotSettings } from "./settings.ts";
import { tgUser } from "./wire.ts";

/** How long a query waits for the bot's answer, and how long the bot may take: Telegram's order of seconds. */
export const ANSWER_WINDOW_MS = 10_000;
/** How long a shown result can still be chosen. */
const KEEP_MS = 60 * 60_000;
const MAX_QUERIES = 10_000;
const MAX_CACHED = 1_000;
const MAX_WAITING = 1_000;

/** Telegram's chat_type of an inline query: "sender" is the private chat with the bot itself. */
export type InlineChatType = "sender" | "private" | "group";

export interface InlineAsk {
  user: Sender;
  query: string;
  offset: string;
  chatType: InlineChatType;
}

/** The answer for a query, or null when the bot gave none in time (or does not take inline_query updates). */
export type Asked = { queryId: string; answer: StoredAnswer | null };

export type ChooseReason = "query_expired" | "result_not_found" | "photo_unavailable" | ChatReason;

type QueryRow = { id: string; user_id: number; query: string; chat_type: string; created_at: number; answer: string | null };

export class InlineQueries {
  private readonly waiting = new Map<string, (answer: StoredAnswer | null) => void>();
  /** Local development: results may name photos on the loopback host over plain http. */
  readonly allowLoopbackHttp: boolean;

  constructor(
    private readonly sql: SqlStorage,
    private readonly env: Env,
    private readonly settings: BotSettings,
    private readonly sending: BotSending,
    /** Appends an update when the bot takes its type; says whether it did. */
    private readonly deliver: (update: Record<string, unknown>) => boolean,
  ) {
    this.allowLoopbackHttp = env.LOCAL_WEBHOOKS === "1";
  }

  /** A user typed "@bot query": refused while inline mode is off (no placeholder), else asked. */
  async query(q: InlineAsk, now: number): Promise<Result<Asked, "inline_off">> {
    if (this.settings.inlinePlaceholder() === null) return refuse("inline_off");
    return ok(await this.ask(q, now));
  }

  /** A user's query: answered from the cache, or sent to the bot and waited for. */
  async ask(q: InlineAsk, now: number): Promise<Asked> {
    const forgotten = this.forgetOld(now);
    if (forgotten.length) await forgetThumbnails(this.env.MEDIA, forgotten);
    const id = newQueryId();
    const cached = this.cached(q, now);
    this.sql.exec(
      "INSERT INTO inline_queries (id, user_id, query, query_offset, chat_type, created_at, answer) VALUES (?, ?, ?, ?, ?, ?, ?)",
      id,
      q.user.id,
      q.query,
      q.offset,
      q.chatType,
      now,
      cached ? JSON.stringify(cached) : null,
    );
    if (cached) return { queryId: id, answer: cached };
    const sent = this.deliver({ inline_query: { id, from: tgUser(q.user), query: q.query, offset: q.offset, chat_type: q.chatType } });
    if (!sent || this.waiting.size >= MAX_WAITING) return { queryId: id, answer: null };
    const answer = await new Promise<StoredAnswer | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, ANSWER_WINDOW_MS);
      this.waiting.set(id, (a) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(a);
      });
    });
    return { queryId: id, answer };
  }

  /** answerInlineQuery: once per query, within the window. */
  answer(queryId: string, answer: StoredAnswer, now: number): BotResult<true> {
    const row = this.sql.exec<QueryRow & { query_offset: string }>("SELECT * FROM inline_queries WHERE id = ?", queryId).toArray()[0];
    if (!row || row.answer !== null || now - row.created_at > ANSWER_WINDOW_MS) return refuse("query_too_old");
    this.sql.exec("UPDATE inline_queries SET answer = ? WHERE id = ?", JSON.stringify(answer), queryId);
    if (answer.cacheSeconds > 0) {
      this.sql.exec(
        "INSERT OR REPLACE INTO inline_cache (cache_key, answer, expires_at) VALUES (?, ?, ?)",
        cacheKey(row.query, row.query_offset, answer.personal ? row.user_id : null),
        JSON.stringify(answer),
        now + answer.cacheSeconds * 1000,
      );
      this.sql.exec("DELETE FROM inline_cache WHERE cache_key NOT IN (SELECT cache_key FROM inline_cache ORDER BY expires_at DESC LIMIT ?)", MAX_CACHED);
    }
    this.waiting.get(queryId)?.(answer);
    return ok(true);
  }

  /** One of the user's own shown results, to show its thumbnail. */
  result(userId: number, queryId: string, index: number, now: number): StoredResult | null {
    return this.answered(userId, queryId, now)?.answer.results[index] ?? null;
  }

  /**
   * Posts the chosen result into the user's chat (`chatKey`), as their message via this bot,
   * and tells the bot when it asked for chosen_inline_result. A photo is placed in the chat
   * first (copied from a file the bot can read, or fetched by URL) and removed again if the
   * chat refuses the message.
   */
  async choose(user: Sender, queryId: string, resultId: string, chatKey: string, clientMsgId: string | undefined, now: number): Promise<Result<Message, ChooseReason>> {
    const q = this.answered(user.id, queryId, now);
    if (!q) return refuse("query_expired");
    const r = q.answer.results.find((x) => x.id === resultId);
    if (!r) return refuse("result_not_found");
    const me = this.settings.profile();
    const input: NewMessage = { text: r.text, viaBot: { id: me.id, handle: me.username, displayName: me.name, isBot: true } };
    if (r.entities) input.entities = r.entities;
    if (r.replyMarkup) input.replyMarkup = r.replyMarkup;
    if (clientMsgId) input.clientMsgId = clientMsgId;
    if (r.photo) {
      const placed = await this.sending.placeFile(chatKey, { kind: "image", ...r.photo });
      if (!placed.ok) return refuse("photo_unavailable");
      input.media = placed.value;
    }
    const chat = this.env.CHATS.getByName(chatKey);
    const posted = await chat.post(user, input);
    // Refused, or an earlier message of the same clientMsgId came back: the placed photo is nobody's.
    if (input.media && (!posted.ok || posted.value.media?.fileId !== input.media.fileId)) await removeMedia(this.env.MEDIA, chatKey, input.media);
    if (!posted.ok) return posted;
    if (this.settings.askedUpdates()?.includes("chosen_inline_result")) {
      const chosen: Record<string, unknown> = { result_id: r.id, from: tgUser(user), query: q.query };
      if (r.replyMarkup) chosen.inline_message_id = await inlineMessageId(this.settings.opaqueKey(), chatKey, posted.value.id);
      this.deliver({ chosen_inline_result: chosen });
    }
    return posted;
  }

  private answered(userId: number, queryId: string, now: number): { query: string; answer: StoredAnswer } | null {
    const row = this.sql.exec<QueryRow>("SELECT * FROM inline_queries WHERE id = ? AND user_id = ?", queryId, userId).toArray()[0];
    if (!row?.answer || now - row.created_at > KEEP_MS) return null;
    return { query: row.query, answer: JSON.parse(row.answer) as StoredAnswer };
  }

  private cached(q: InlineAsk, now: number): StoredAnswer | null {
    const row = this.sql
      .exec<{ answer: string }>(
        // The user's own answer first, then the one for everyone.
        "SELECT answer FROM inline_cache WHERE cache_key IN (?1, ?2) AND expires_at > ?3 ORDER BY cache_key = ?1 DESC LIMIT 1",
        cacheKey(q.query, q.offset, q.user.id),
        cacheKey(q.query, q.offset, null),
        now,
      )
      .toArray()[0];
    return row ? (JSON.parse(row.answer) as StoredAnswer) : null;
  }

  /** Forgets queries past their time (and the oldest past the bound) and cached answers past theirs; returns the thumbnails the queries leave to delete. */
  private forgetOld(now: number): string[] {
    type Gone = { id: string; answer: string | null };
    const gone = this.sql.exec<Gone>("DELETE FROM inline_queries WHERE created_at < ? RETURNING id, answer", now - KEEP_MS).toArray();
    this.sql.exec("DELETE FROM inline_cache WHERE expires_at <= ?", now);
    const kept = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM inline_queries").one().n;
    if (kept >= MAX_QUERIES) {
      const over = kept - MAX_QUERIES + 1;
      gone.push(...this.sql.exec<Gone>("DELETE FROM inline_queries WHERE id IN (SELECT id FROM inline_queries ORDER BY created_at LIMIT ?) RETURNING id, answer", over).toArray());
    }
    const botId = this.settings.profile().id;
    return gone.flatMap((q) => (q.answer ? thumbnailKeys(botId, q.id, JSON.parse(q.answer) as StoredAnswer) : []));
  }
}

/** A personal answer is cached under the user; a shared one under everyone ("*"). */
function cacheKey(query: string, offset: string, userId: number | null): string {
  return JSON.stringify([userId ?? "*", query, offset]);
}

/** Telegram's query ids are decimal strings of a 64-bit number. */
function newQueryId(): string {
  const [n] = crypto.getRandomValues(new BigUint64Array(1));
  return (n! >> 1n).toString();
}
