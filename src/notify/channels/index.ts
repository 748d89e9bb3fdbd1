// The outside channels a notification or a verification code goes out on (issue 10 point 1).
// Where the platform runs locally (`npm start`, the tests: SANDBOX=on), the sandbox provider
// stands in for all three; anywhere else, the real ones where their secrets are set. A channel
// with no configuration answers `failed` ("not configured"), so a notification falls back at once.
import type { Env } from "../../env.ts";
import type { ContactChannel } from "../schema.ts";
import { emailAdapter } from "./email.ts";
import { officialAccountAdapter } from "./official-account.ts";
import { sandboxAdapter } from "./sandbox.ts";
import { parseSmsProviders, smsAdapter } from "./sms.ts";
import type { ChannelAdapter } from "./types.ts";

export type Adapters = Record<ContactChannel, ChannelAdapter>;

/** True only where `npm start` or the test configuration turned the sandbox on. */
export function sandboxOn(env: Pick<Env, "SANDBOX">): boolean {
  return env.SANDBOX === "on";
}

function unconfigured(channel: ContactChannel, reason = "not configured"): ChannelAdapter {
  return { channel, send: async () => ({ status: "failed", reason }) };
}

export function adaptersFor(env: Env): Adapters {
  if (sandboxOn(env)) {
    return { sms: sandboxAdapter(env.DB, "sms"), email: sandboxAdapter(env.DB, "email"), official_account: sandboxAdapter(env.DB, "official_account") };
  }
  const allowLoopbackHttp = env.LOCAL_WEBHOOKS === "1";
  const sms = parseSmsProviders(env.SMS_PROVIDERS);
  return {
    official_account: env.OA_ENDPOINT && env.OA_SECRET ? officialAccountAdapter({ endpoint: env.OA_ENDPOINT, secret: env.OA_SECRET, allowLoopbackHttp }) : unconfigured("official_account"),
    sms: sms.ok ? smsAdapter({ providers: sms.providers, allowLoopbackHttp }) : unconfigured("sms", sms.reason),
    email: env.EMAIL && env.EMAIL_FROM ? emailAdapter(env.EMAIL, env.EMAIL_FROM) : unconfigured("email"),
  };
}
