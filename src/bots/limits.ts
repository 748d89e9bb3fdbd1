// A bot's send limits. Owners may change them per bot (PATCH /api/v1/bots/{username}).
import type { RateLimits } from "../protocol/api.ts";

/** A bot's limits when its owner set none: Telegram's documented ones. */
export const defaultRateLimits: RateLimits = {
  global: { rate: 30, burst: 30 },
  privateChat: { rate: 1, burst: 5 },
  group: { rate: 20 / 60, burst: 20 },
};
