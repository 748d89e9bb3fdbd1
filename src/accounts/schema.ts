// Accounts' D1 tables: users (bots too, with is_bot), sessions, friend links.
// drizzle-kit reads every capability's schema.ts into migrations/.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  handle: text("handle").notNull(),
  /** Lower-cased handle: handles are unique regardless of case. */
  handleKey: text("handle_key").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  isBot: integer("is_bot", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
});

export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    expiresAt: integer("expires_at").notNull(),
    /** The browser or client that logged in, as it named itself, for the session list. */
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * Failed logins, counted per key (`handle:<handle>` and `addr:<client address>`) in a
 * window; see accounts/throttle.ts for what the counts decide.
 */
export const loginFailures = sqliteTable("login_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: integer("window_start").notNull(),
  lastFailure: integer("last_failure").notNull(),
});

export const friendLinks = sqliteTable(
  "friend_links",
  {
    fromId: integer("from_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    toId: integer("to_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId] }), index("friend_links_to").on(t.toId)],
);

/**
 * Quota counters: one row per (subject, quota), holding the count of the current window;
 * a spend in a later window starts it afresh (accounts/quotas.ts). Subjects are `u:<user id>`
 * and `addr:<client address>`.
 */
export const quotaCounters = sqliteTable(
  "quota_counters",
  {
    subject: text("subject").notNull(),
    quota: text("quota").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.quota] })],
);

/** A user who blocked another: the blocked one cannot message or befriend the blocker. */
export const userBlocks = sqliteTable(
  "user_blocks",
  {
    blockerId: integer("blocker_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    blockedId: integer("blocked_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);
