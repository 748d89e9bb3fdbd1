import type { ChatActor } from "./actors/chat-actor.ts";
import type { UserActor } from "./actors/user-actor.ts";

export interface Env {
  DB: D1Database;
  MEDIA: R2Bucket;
  USERS: DurableObjectNamespace<UserActor>;
  CHATS: DurableObjectNamespace<ChatActor>;
  ASSETS?: Fetcher;
}
