// The BotActor's SQLite schema, as numbered migrations (see platform/actor-schema.ts).
import type { Migrations } from "../platform/actor-schema.ts";

export const botActorMigrations: Migrations = [
  // 1: the schema as it stood before versioning.
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS updates (
     update_id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL, created_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE IF NOT EXISTS subscribers (user_id INTEGER PRIMARY KEY, status TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS chat_cursors (chat_key TEXT PRIMARY KEY, last_id INTEGER NOT NULL);
   CREATE TABLE IF NOT EXISTS callbacks (id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, chat_key TEXT NOT NULL,
     message_id INTEGER NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE IF NOT EXISTS scheduled (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL,
     content TEXT NOT NULL, send_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending', message_id INTEGER,
     error TEXT);
   CREATE TABLE IF NOT EXISTS broadcasts (id INTEGER PRIMARY KEY AUTOINCREMENT, content_key TEXT NOT NULL,
     content TEXT NOT NULL, send_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
     sent INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, error TEXT);
   CREATE TABLE IF NOT EXISTS broadcast_ledger (user_id INTEGER NOT NULL, content_key TEXT NOT NULL,
     message_id INTEGER NOT NULL, PRIMARY KEY (user_id, content_key));`,
  // 2: inline mode: users' queries (with the bot's answer, kept for choosing) and cached answers.
  `CREATE TABLE inline_queries (id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, query TEXT NOT NULL,
     query_offset TEXT NOT NULL, chat_type TEXT NOT NULL, created_at INTEGER NOT NULL, answer TEXT);
   CREATE INDEX inline_queries_by_age ON inline_queries (created_at);
   CREATE TABLE inline_cache (cache_key TEXT PRIMARY KEY, answer TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE INDEX inline_cache_by_expiry ON inline_cache (expires_at);`,
  // 3: notification jobs due later than a queue can delay them (notify/timers.ts).
  `CREATE TABLE notify_timers (id INTEGER PRIMARY KEY AUTOINCREMENT, due INTEGER NOT NULL, job TEXT NOT NULL);
   CREATE INDEX notify_timers_by_due ON notify_timers (due);`,
];
