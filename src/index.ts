// The Worker entry: HTTP goes to the Hono app; the actors are exported for their bindings.
import { app } from "./app.ts";

export { BotActor } from "./bots/bot-actor.ts";
export { ChatActor } from "./chat/chat-actor.ts";
export { UserActor } from "./chat/user-actor.ts";

export default app satisfies ExportedHandler<import("./env.ts").Env>;
