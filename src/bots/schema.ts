// Bots' D1 table: public profiles for the directory.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema.ts";

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
