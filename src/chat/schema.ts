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
  },
  (t) => [primaryKey({ columns: [t.userId, t.chatKey] }), index("chat_members_chat").on(t.chatKey)],
);
