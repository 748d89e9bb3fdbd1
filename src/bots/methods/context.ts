// What every Bot API method handler is given, and the shape of an area's table of methods.
// Each file beside this one is an area (core, media, ...): its methods' parameter schemas
// (zod, built from ../params.ts) and their handlers, one per schema.
import type { z } from "zod";
import type { Upload } from "../content.ts";
import type { BotResult } from "../reasons.ts";
import type { BotSettings } from "../settings.ts";
import type { BotSending } from "../sending.ts";
import type { Schedules } from "../schedules.ts";
import type { Broadcasts } from "../broadcasts.ts";
import type { WebhookDelivery } from "../webhook.ts";
import type { InlineQueries } from "../inline-queries.ts";
import type { Sender } from "../../protocol/messages.ts";
import type { Avatars } from "../avatars.ts";
import type { BotMenu } from "../menu.ts";
import type { BotTexts } from "../texts.ts";

/** What a method may use of its bot: the actor's modules and the acts that span several. */
export interface BotContext {
  settings: BotSettings;
  sending: BotSending;
  webhook: WebhookDelivery;
  schedules: Schedules;
  broadcasts: Broadcasts;
  /** Inline mode: users' queries and the bot's answers. */
  inline: InlineQueries;
  getUpdates(p: { offset?: number; limit?: number; timeout?: number; allowed_updates?: string[] }): Promise<BotResult<unknown[]>>;
  webhookChanged(): void;
  answerCallback(p: { callback_query_id: string; text?: string; show_alert?: boolean; url?: string }): Promise<BotResult<true>>;
  saveCommands(commands: { command: string; description: string }[]): Promise<void>;
  /** The bot's name and descriptions, per language. */
  texts: BotTexts;
  /** The bot's command lists, per scope and language, and its menu buttons. */
  menu: BotMenu;
  /** Profile photos, for getUserProfilePhotos. */
  avatars: Avatars;
  /** The account a user id names, or null when there is none. */
  findUser(userId: number): Promise<Sender | null>;
  /** The account a user id names when this bot has met its user (../met-users.ts), else null: bots see only users they have met. */
  metUser(userId: number): Promise<Sender | null>;
  /** Telegram's logOut and close (see ../lifecycle.ts). */
  logOut(): BotResult<true>;
  close(): BotResult<true>;
  /** Notifications that learn (src/notify/sending.ts): send one to a user who started the bot, report one. */
  notifications: {
    send(p: import("../../notify/sending.ts").SendNotification): Promise<BotResult<unknown>>;
    get(id: string): Promise<BotResult<unknown>>;
  };
  /** Work was stored that the alarm must pick up; `runNow` also runs due broadcasts at once. */
  workStored(runNow?: boolean): Promise<void>;
}

export type Handler<P> = (bot: BotContext, p: P, uploads: Record<string, Upload>) => BotResult<unknown> | Promise<BotResult<unknown>>;

/** An area's handlers: exactly one for each of its schemas, taking what that schema parses. */
export type Handlers<S extends Record<string, z.ZodType>> = { [M in keyof S]: Handler<z.infer<S[M]>> };
