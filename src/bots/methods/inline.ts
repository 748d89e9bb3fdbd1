// Inline mode: answerInlineQuery. The queries come from users typing "@bot query" in any
// chat (inline-routes.ts, inline-queries.ts); results are checked here, in Telegram's words,
// before anything is kept.
import { z } from "zod";
import { refuse } from "../../platform/result.ts";
import { bool, int } from "../params.ts";
import { fileIdsOf, inlineResults, nextOffset, resultsButton, storedAnswer } from "../inline-results.ts";
import type { Handlers } from "./context.ts";

export const schemas = {
  answerInlineQuery: z.object({
    inline_query_id: z.string().min(1).max(64),
    results: inlineResults,
    cache_time: int.pipe(z.number().min(0)).optional(),
    is_personal: bool.optional(),
    next_offset: nextOffset.optional(),
    button: resultsButton.optional(),
    // The button's parameters before Bot API 6.7, still sent by older libraries.
    switch_pm_text: z.string().max(64).optional(),
    switch_pm_parameter: z.string().regex(/^[A-Za-z0-9_-]{0,64}$/, "START_PARAM_INVALID").optional(),
  }),
} as const;

export const handlers: Handlers<typeof schemas> = {
  answerInlineQuery: async (bot, p) => {
    const answer = storedAnswer(p, { allowLoopbackHttp: bot.inline.allowLoopbackHttp });
    if (!answer.ok) return answer;
    // A cached photo is one this bot can read, as any file_id it sends.
    for (const fileId of fileIdsOf(answer.value)) if (!(await bot.sending.canReadFile(fileId))) return refuse("wrong_file_id");
    return bot.inline.answer(p.inline_query_id, answer.value, Date.now());
  },
};
