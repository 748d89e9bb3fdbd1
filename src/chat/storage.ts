// The ChatActor's SQLite schema, as numbered migrations (see platform/actor-schema.ts).
import type { Migrations } from "../platform/actor-schema.ts";

export const chatActorMigrations: Migrations = [
  // 1: the schema as it stood before versioning.
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS members (
     user_id INTEGER PRIMARY KEY, role TEXT NOT NULL, handle TEXT NOT NULL, display_name TEXT NOT NULL,
     is_bot INTEGER NOT NULL DEFAULT 0, read_id INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0,
     blocked INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE IF NOT EXISTS messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT, sender_id INTEGER NOT NULL, sender_handle TEXT NOT NULL,
     sender_name TEXT NOT NULL, sender_is_bot INTEGER NOT NULL DEFAULT 0, date INTEGER NOT NULL, text TEXT NOT NULL, reply_to INTEGER,
     media TEXT, edit_date INTEGER, extra TEXT, deleted INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE IF NOT EXISTS idempotency (
     sender_id INTEGER NOT NULL, client_msg_id TEXT NOT NULL, message_id INTEGER NOT NULL,
     PRIMARY KEY (sender_id, client_msg_id));
   CREATE TABLE IF NOT EXISTS pending_fanout (message_id INTEGER PRIMARY KEY);
   CREATE TABLE IF NOT EXISTS lagging (user_id INTEGER PRIMARY KEY, after_id INTEGER NOT NULL);`,
  // 2: a message remembers its sender's clientMsgId, so the sender's devices can match it to
  // what they had pending (older messages have none, and need none).
  `ALTER TABLE messages ADD COLUMN client_msg_id TEXT`,
  // 3: which members have a socket open, as their UserActor last said (at its clock `presence_at`):
  // live events go only to them and to bots; the others catch up when they connect.
  `ALTER TABLE members ADD COLUMN online INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE members ADD COLUMN presence_at INTEGER NOT NULL DEFAULT 0;`,
  // 4: unread counts are derived from read cursors (members.ts), which counts deleted
  // messages past a cursor: this index keeps that to the few deleted ones. The old
  // `members.unread` column stays, unused.
  `CREATE INDEX IF NOT EXISTS messages_deleted ON messages (deleted, id);`,
  // 5: what members do to messages besides writing them: poll votes (one row per voter,
  // the chosen options as JSON), reactions (one row per member and emoji), pins, and members
  // banned from a group (until a Unix time; 0 for good).
  `CREATE TABLE IF NOT EXISTS poll_votes (message_id INTEGER NOT NULL, user_id INTEGER NOT NULL, options TEXT NOT NULL,
     PRIMARY KEY (message_id, user_id));
   CREATE TABLE IF NOT EXISTS reactions (message_id INTEGER NOT NULL, user_id INTEGER NOT NULL, emoji TEXT NOT NULL,
     PRIMARY KEY (message_id, user_id, emoji));
   CREATE TABLE IF NOT EXISTS pins (message_id INTEGER PRIMARY KEY, pinned_at INTEGER NOT NULL);
   CREATE TABLE IF NOT EXISTS banned (user_id INTEGER PRIMARY KEY, until INTEGER NOT NULL);`,
];
