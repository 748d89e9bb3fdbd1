// Notifications that learn (issue 10; ARCHITECTURE.md 4.3): D1 tables. Channels are
// `in_app` (a message from the bot with a read button), `official_account`, `sms`, `email`.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema.ts";

export const CHANNELS = ["in_app", "official_account", "sms", "email"] as const;
export type Channel = (typeof CHANNELS)[number];
/** Contact points a user adds and confirms (in-app needs none: the bot's chat is the address). */
export const CONTACT_CHANNELS = ["sms", "email", "official_account"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * A user's contact point on one channel: a phone, an e-mail, an official-account id. A code
 * (its SHA-256 only) goes out on that channel; only a confirmed contact gets notifications.
 */
export const contacts = sqliteTable(
  "contacts",
  {
    user: integer("user").notNull().references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: CONTACT_CHANNELS }).notNull(),
    address: text("address").notNull(),
    verified: integer("verified", { mode: "boolean" }).notNull().default(false),
    codeHash: text("code_hash"),
    codeExpires: integer("code_expires"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.user, t.channel] })],
);

/** A user's pins (primary, secondary) and quiet hours ("22:00"-"07:00" in an IANA time zone). */
export const notificationPrefs = sqliteTable("notification_prefs", {
  user: integer("user").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  primary: text("primary", { enum: CHANNELS }),
  secondary: text("secondary", { enum: CHANNELS }),
  quietStart: text("quiet_start"),
  quietEnd: text("quiet_end"),
  timeZone: text("time_zone"),
});

/** A bot's planning settings (N, K1, K2, timeouts per importance) as JSON; defaults in notify/plan.ts. */
export const notifyConfig = sqliteTable("notify_config", {
  bot: integer("bot").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  config: text("config").notNull(),
});

/** One notification a bot sent a user. `dedupKey` makes a retry a no-op (per bot). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    bot: integer("bot").notNull().references(() => users.id, { onDelete: "cascade" }),
    user: integer("user").notNull().references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    link: text("link"),
    importance: text("importance", { enum: ["low", "normal", "high", "urgent"] }).notNull(),
    dedupKey: text("dedup_key"),
    /** `all` (a new user: every reachable channel) or `learned` (primary, then secondary on timeout). */
    mode: text("mode", { enum: ["all", "learned"] }).notNull(),
    /** The channel to fall back to when no read came in time (learned mode), or null. */
    fallback: text("fallback", { enum: CHANNELS }),
    /** Milliseconds: when it was accepted, and when it may first be sent (after quiet hours). */
    createdAt: integer("created_at").notNull(),
    sendAt: integer("send_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [uniqueIndex("notifications_dedup").on(t.bot, t.dedupKey), index("notifications_user").on(t.user, t.createdAt), index("notifications_bot").on(t.bot, t.createdAt)],
);

/**
 * One notification on one channel. `status`: queued, sent, failed, skipped, read. `token` names
 * the delivery in its tracked link (/r/{token}). A send is claimed (`attempts`) before it goes
 * out, so a redelivered job never sends twice on the same channel.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    notification: text("notification").notNull().references(() => notifications.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    status: text("status", { enum: ["queued", "sending", "sent", "failed", "skipped", "read", "uncertain"] }).notNull(),
    token: text("token").notNull(),
    isFallback: integer("is_fallback", { mode: "boolean" }).notNull().default(false),
    sentAt: integer("sent_at"),
    readAt: integer("read_at"),
    firstRead: integer("first_read", { mode: "boolean" }),
    detail: text("detail"),
  },
  (t) => [primaryKey({ columns: [t.notification, t.channel] }), uniqueIndex("deliveries_token").on(t.token)],
);

/** Read feedback: a read on a channel (first: the first channel the notification was read on). */
export const readFeedback = sqliteTable(
  "read_feedback",
  {
    user: integer("user").notNull().references(() => users.id, { onDelete: "cascade" }),
    notification: text("notification").notNull().references(() => notifications.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    first: integer("first", { mode: "boolean" }).notNull(),
    /** How the read was told: the read button, a reply, a tracked link. */
    via: text("via", { enum: ["button", "reply", "link"] }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.notification, t.channel] }), index("read_feedback_user").on(t.user, t.at)],
);

/** What the local sandbox provider "sent" (SMS, e-mail, official account), for /sandbox and the tests. */
export const sandboxOutbox = sqliteTable(
  "sandbox_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channel: text("channel", { enum: CONTACT_CHANNELS }).notNull(),
    to: text("to").notNull(),
    user: integer("user"),
    text: text("text").notNull(),
    link: text("link"),
    code: text("code"),
    at: integer("at").notNull(),
  },
  (t) => [index("sandbox_outbox_user").on(t.user, t.id)],
);

/** Jobs that exhausted their retries, from the dead-letter queue, for their bot's owner to see. */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    queue: text("queue").notNull(),
    bot: integer("bot"),
    body: text("body").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("dead_letters_bot").on(t.bot, t.id)],
);
