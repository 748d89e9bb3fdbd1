// The Worker entry: HTTP goes to the Hono app; the actors are exported for their bindings.
import { app } from "./http/app.ts";

export { BotActor } from "./actors/bot-actor.ts";
export { ChatActor } from "./actors/chat-actor.ts";
export { UserActor } from "./actors/user-actor.ts";

export default app satisfies ExportedHandler<import("./env.ts").Env>;
