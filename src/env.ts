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
  /** The profile pipeline's jobs (profiles/jobs.ts), consumed by profiles/consumer.ts. */
  PROFILE_JOBS?: Queue<import("./profiles/jobs.ts").ProfileJob>;
  /** Notification sends and fallback checks (notify/jobs.ts), consumed by notify/consumer.ts. */
  NOTIFY_JOBS?: Queue<import("./notify/jobs.ts").NotifyJob>;
  /** The platform's public origin, for links in notifications (tracked links /r/{token}). */
  PUBLIC_ORIGIN?: string;
  /** Workers AI; when bound, profiles are extracted by models (profiles/choose-extractor.ts). */
  AI?: Ai;
  /** Per-user quotas (whole numbers; the defaults are in accounts/quotas.ts and the README). */
  QUOTA_GROUPS_PER_DAY?: string;
  QUOTA_BOTS_PER_OWNER?: string;
  QUOTA_FRIEND_REQUESTS_PER_HOUR?: string;
  QUOTA_MESSAGES_PER_MINUTE?: string;
  QUOTA_INLINE_QUERIES_PER_MINUTE?: string;
  QUOTA_INTERACTIONS_PER_MINUTE?: string;
  QUOTA_UPLOAD_BYTES_PER_DAY?: string;
  QUOTA_GROUP_ADDS_PER_DAY?: string;
  QUOTA_GROUPS_PER_USER?: string;
  QUOTA_SOCKETS_PER_USER?: string;
  QUOTA_SIGNUPS_PER_ADDRESS_PER_HOUR?: string;
  QUOTA_CONTACT_CODES_PER_HOUR?: string;
  /** "on" only where the platform runs locally (`npm start`, the tests): the sandbox stands in for SMS, e-mail, official account. */
  SANDBOX?: string;
  /** The official account's webhook endpoint and signing secret (secrets; notify/channels/official-account.ts). */
  OA_ENDPOINT?: string;
  OA_SECRET?: string;
  /** SMS providers tried in order, a secret: JSON `[{name, url, token}]` (notify/channels/sms.ts). */
  SMS_PROVIDERS?: string;
  /** Cloudflare's send_email binding and the sender address (notify/channels/email.ts). */
  EMAIL?: SendEmail;
  EMAIL_FROM?: string;
}
