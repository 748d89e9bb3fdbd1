// Chat's D1 tables: groups and the chat index. The log itself lives in each ChatActor.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const groups = sqliteTable("groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  createdBy: integer("created_by").notNull(),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
});

export const chatMembers = sqliteTable(
  "chat_members",
  {
    chatKey: text("chat_key").notNull(),
    userId: integer("user_id").notNull(),
    joinedAt: integer("joined_at").notNull().default(sql`(unixepoch())`),
    /** The member's read cursor, mirrored by the ChatActor for the chat list. */
    readId: integer("read_id").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.chatKey] }), index("chat_members_chat").on(t.chatKey)],
);

/**
 * Each chat's head for the chat list: its last message id and the last message itself (as
 * stored, JSON), written by the ChatActor once per fan-out batch. A user's list is one query
 * over chat_members and chat_heads, whatever number of chats it holds; unread is
 * `lastId - readId` (a sender's cursor moves past its own messages).
 */
export const chatHeads = sqliteTable("chat_heads", {
  chatKey: text("chat_key").primaryKey(),
  lastId: integer("last_id").notNull(),
  lastMessage: text("last_message"),
  updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
});
