// Every Bot API method: the areas' schemas and handlers, put together.
import * as core from "./core.ts";
import * as media from "./media.ts";
import * as inline from "./inline.ts";
import * as interaction from "./interaction.ts";
import * as messages from "./messages.ts";
import * as chatAdmin from "./chat-admin.ts";
import * as profile from "./profile.ts";
import * as notify from "./notify.ts";

export const paramSchemas = { ...core.schemas, ...media.schemas, ...inline.schemas, ...interaction.schemas, ...messages.schemas, ...chatAdmin.schemas, ...profile.schemas, ...notify.schemas } as const;

export type MethodName = keyof typeof paramSchemas;

export const botMethods: Handlers<typeof paramSchemas> = { ...core.handlers, ...media.handlers, ...inline.handlers, ...interaction.handlers, ...messages.handlers, ...chatAdmin.handlers, ...profile.handlers, ...notify.handlers };

export type { BotContext } from "./context.ts";
import type { Handlers } from "./context.ts";
