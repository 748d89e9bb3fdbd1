// The Worker entry: HTTP goes to the Hono app; the actors are exported for their bindings.
import { app } from "./app.ts";
import type { Env } from "./env.ts";
import { chooseExtractor } from "./profiles/choose-extractor.ts";
import { handleBatch } from "./profiles/consumer.ts";
import { offlineExtractor } from "./profiles/offline-extractor.ts";
import type { ProfileJob } from "./profiles/jobs.ts";
import { handleDeadLetters, handleNotifyBatch } from "./notify/consumer.ts";
import type { NotifyJob } from "./notify/jobs.ts";

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
  // One handler, by queue: the profile pipeline's jobs (profiles/jobs.ts; its dead-letter queue
  // has no consumer), notification sends and checks (notify/jobs.ts) and their dead letters.
  queue: (batch, env) => {
    if (batch.queue.startsWith("switchboard-notify-jobs-dlq")) return handleDeadLetters(batch as MessageBatch<NotifyJob>, env);
    if (batch.queue.startsWith("switchboard-notify-jobs")) return handleNotifyBatch(batch as MessageBatch<NotifyJob>, env);
    return handleBatch(batch as MessageBatch<ProfileJob>, env, chooseExtractor(env, offlineExtractor(env)));
  },
} satisfies ExportedHandler<Env, ProfileJob | NotifyJob>;
