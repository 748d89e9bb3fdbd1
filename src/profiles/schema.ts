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

/**
 * One customer's profile in one workspace: `fields` is merge.ts's Fields as JSON (each field's
 * value, source, confidence, evidence and history). `version` moves on every write, so two
 * writers never overwrite each other (store.ts writes only over the version it read).
 */
export const customerProfiles = sqliteTable(
  "customer_profiles",
  {
    workspace: integer("workspace").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    customer: integer("customer").notNull().references(() => users.id, { onDelete: "cascade" }),
    fields: text("fields").notNull(),
    version: integer("version").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.customer] })],
);

/** Tags staff put on a customer; a workspace's tag library is the distinct tags with counts. */
export const customerTags = sqliteTable(
  "customer_tags",
  {
    workspace: integer("workspace").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    customer: integer("customer").notNull().references(() => users.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    addedBy: integer("added_by").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.customer, t.tag] }), index("customer_tags_tag").on(t.workspace, t.tag)],
);

/**
 * The customer's timeline toward staff (befriended, read, replied, joined a group...), kept
 * per staff member, whatever workspace: a profile shows the events with its own staff.
 * `chat_key` names the chat (actor key); `at` is milliseconds.
 */
export const customerEvents = sqliteTable(
  "customer_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customer: integer("customer").notNull().references(() => users.id, { onDelete: "cascade" }),
    staff: integer("staff").notNull().references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    chatKey: text("chat_key"),
    title: text("title"),
    at: integer("at").notNull(),
  },
  (t) => [index("customer_events_customer").on(t.customer, t.at)],
);

/**
 * Private messages between a staff member and a customer in the last 30 days (closeness's
 * interaction signals): one row per message, older rows pruned. `message` is the chat's
 * message id, so a redelivered job adds nothing.
 */
export const staffInteractions = sqliteTable(
  "staff_interactions",
  {
    customer: integer("customer").notNull().references(() => users.id, { onDelete: "cascade" }),
    staff: integer("staff").notNull().references(() => users.id, { onDelete: "cascade" }),
    message: integer("message").notNull(),
    fromCustomer: integer("from_customer", { mode: "boolean" }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.customer, t.staff, t.message] }), index("staff_interactions_at").on(t.at)],
);

/**
 * A customer asked a workspace to erase their profile: it is removed, and messages sent up to
 * `at` (milliseconds) are never extracted into it again.
 */
export const profileErasures = sqliteTable(
  "profile_erasures",
  {
    workspace: integer("workspace").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    customer: integer("customer").notNull().references(() => users.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.customer] })],
);

/**
 * Staff join by consent: adding someone by handle invites them (`role` as offered); only when
 * they accept do they enter `workspace_staff`, and with it see the workspace's customers.
 */
export const workspaceInvitations = sqliteTable(
  "workspace_invitations",
  {
    workspace: integer("workspace").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    user: integer("user").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "staff"] }).notNull(),
    invitedBy: integer("invited_by").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.user] }), index("workspace_invitations_user").on(t.user)],
);
