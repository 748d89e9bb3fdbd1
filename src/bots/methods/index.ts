// Every Bot API method: the areas' schemas and handlers, put together.
import * as core from "./core.ts";
import * as interaction from "./interaction.ts";
import * as messages from "./messages.ts";

export const paramSchemas = { ...core.schemas, ...interaction.schemas, ...messages.schemas } as const;

export type MethodName = keyof typeof paramSchemas;

export const botMethods: Handlers<typeof paramSchemas> = { ...core.handlers, ...interaction.handlers, ...messages.handlers };

export type { BotContext } from "./context.ts";
import type { Handlers } from "./context.ts";
