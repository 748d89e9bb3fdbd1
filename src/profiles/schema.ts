// Profiles' D1 tables: workspaces and their staff. A customer is not stored: it is any user
// linked to a staff member (friend or fellow group member) who is not staff (queries.ts).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema.ts";

export const workspaces = sqliteTable(
  "workspaces",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    owner: integer("owner").notNull().references(() => users.id, { onDelete: "cascade" }),
    created: integer("created").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("workspaces_owner").on(t.owner)],
);

/** Who works in a workspace, with a role: `owner` (one, its creator), `admin` or `staff`. */
export const workspaceStaff = sqliteTable(
  "workspace_staff",
  {
    workspace: integer("workspace").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    user: integer("user").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "staff"] }).notNull(),
    added: integer("added").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.user] }), index("workspace_staff_user").on(t.user)],
);
