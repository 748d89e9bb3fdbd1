import type { BotActor } from "./bots/bot-actor.ts";
import type { ChatActor } from "./chat/chat-actor.ts";
import type { UserActor } from "./chat/user-actor.ts";

export interface Env {
  DB: D1Database;
  MEDIA: R2Bucket;
  USERS: DurableObjectNamespace<UserActor>;
  CHATS: DurableObjectNamespace<ChatActor>;
  BOTS: DurableObjectNamespace<BotActor>;
  /** "1" where plain-http webhooks to the loopback host are allowed (local development). */
  LOCAL_WEBHOOKS?: string;
  /** The first webhook retry's delay; each further retry doubles it. */
  WEBHOOK_RETRY_BASE_MS?: string;
  ASSETS?: Fetcher;
}
