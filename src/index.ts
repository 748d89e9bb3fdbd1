// The Worker entry: HTTP goes to the Hono app; the actors are exported for their bindings.
import { app } from "./app.ts";

export { BotActor } from "./bots/bot-actor.ts";
export { ChatActor } from "./chat/chat-actor.ts";
export { UserActor } from "./chat/user-actor.ts";

/**
 * Bot libraries may percent-encode the token's colon (python-telegram-bot does for file
 * downloads: `/file/bot123%3Asecret/...`); the Bot API's routes match the decoded form.
 */
function withDecodedToken(request: Request): Request {
  const url = new URL(request.url);
  const decoded = url.pathname.replace(/^(\/(?:file\/)?bot\d+)%3A/i, "$1:");
  if (decoded === url.pathname) return request;
  url.pathname = decoded;
  return new Request(url, request);
}

export default {
  fetch: (request, env, ctx) => app.fetch(withDecodedToken(request), env, ctx),
} satisfies ExportedHandler<import("./env.ts").Env>;
