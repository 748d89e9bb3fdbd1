// The one D1 schema: what crosses actors. drizzle-kit generates migrations/ from this file.
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

/** Session tokens are random; only their SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * A friend request is a directed link; two users are friends when both directions exist.
 * Accepting a request is adding the reverse link.
 */
export const friendLinks = sqliteTable(
  "friend_links",
  {
    fromId: integer("from_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    toId: integer("to_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId] }), index("friend_links_to").on(t.toId)],
);

/** Group chats; a group's chat id is the negated row id. */
export const groups = sqliteTable("groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  createdBy: integer("created_by").notNull(),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
});

/**
 * The chat index: which chats a user is in. Written by each ChatActor after it changes its
 * members (the actor owns membership and roles; this is the index for listing).
 */
export const chatMembers = sqliteTable(
  "chat_members",
  {
    chatKey: text("chat_key").notNull(),
    userId: integer("user_id").notNull(),
    joinedAt: integer("joined_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.chatKey] }), index("chat_members_chat").on(t.chatKey)],
);

/** Bots are users with is_bot; this is their public profile, for the directory. */
export const bots = sqliteTable(
  "bots",
  {
    id: integer("id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
    ownerId: integer("owner_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    username: text("username").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    about: text("about").notNull().default(""),
    category: text("category").notNull().default(""),
    /** R2 key of the avatar image, if any. */
    avatar: text("avatar"),
    /** JSON array of {command, description}, kept in step by the BotActor. */
    commands: text("commands").notNull().default("[]"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("bots_owner").on(t.ownerId)],
);
