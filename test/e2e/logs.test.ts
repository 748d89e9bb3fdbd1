// npm start shows wrangler's request log, whose paths hold bot tokens: they are cut out.
import { expect, test } from "vitest";
// @ts-expect-error plain ESM scripts without type declarations
import { redactTokens } from "../../scripts/platform.mjs";

test("bot tokens never reach npm start's output", () => {
  const secret = "W3DF2n_WHOTgUtLtoQl0-OeMV5O4KGKUkgIj";
  const line = `[wrangler:info] POST /bot156:${secret}/setWebhook 400 Bad Request (3ms)\nGET /file/bot156%3A${secret}/p_1_2/x 404`;
  const shown: string = redactTokens(line);
  expect(shown).not.toContain(secret);
  expect(shown).toContain("/bot156:<token>/setWebhook 400");
  expect(redactTokens("GET /api/v1/chats 200")).toBe("GET /api/v1/chats 200");
});
