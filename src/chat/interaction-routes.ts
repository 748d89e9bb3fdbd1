// The client API for what people do to messages besides writing them: answer polls, react,
// pin and unpin. Each answers the message as the caller now sees it, or ok; every member sees
// the change live (message_edited), so votes and reactions spend from the interactions quota
// (given back when the chat refuses), as a pin's notice spends from the messages quota.
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../accounts/session.ts";
import { refund, spendOrRefuse, userSubject } from "../accounts/quotas.ts";
import { unwrap } from "../platform/errors.ts";
import type { Result } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";
import { body, parse, positiveId } from "../platform/validate.ts";
import { chatOf } from "./guards.ts";

/** Spends one interaction for `act`, given back when the chat refuses it. */
async function spending<T>(c: Context<AppEnv>, act: () => Promise<Result<T, ChatReason>>): Promise<T> {
  const spent = [{ subject: userSubject(c.get("user").id), quota: "interactions" as const }];
  await spendOrRefuse(c, spent);
  const r = await act();
  if (!r.ok) await refund(c.env, spent);
  return unwrap(r);
}

const vote = z.object({ options: z.array(z.number().int().min(0).max(99)).max(12) });
const reaction = z.object({ emoji: z.string().min(1).max(32) });

export const interactionRoutes = new Hono<AppEnv>()
  /** Answers a poll; `options: []` takes the answer back (not in a quiz). */
  .post("/:chatId/messages/:messageId/vote", async (c) => {
    const { me, chat } = await chatOf(c);
    const id = parse(positiveId, c.req.param("messageId"));
    const input = await body(c, vote);
    return c.json({ message: await spending(c, () => chat.vote(me.id, id, input.options)) });
  })
  /** Toggles a reaction: off when I had this emoji, else on (in place of the one I had: one per message, as Telegram without Premium). */
  .post("/:chatId/messages/:messageId/reactions", async (c) => {
    const { me, chat } = await chatOf(c);
    const id = parse(positiveId, c.req.param("messageId"));
    const input = await body(c, reaction);
    return c.json({ message: await spending(c, () => chat.react(me.id, id, input.emoji)) });
  })
  /** Pins a message; its notice is a message, so it spends from the messages quota. */
  .post("/:chatId/messages/:messageId/pin", async (c) => {
    const { me, chat } = await chatOf(c);
    const id = parse(positiveId, c.req.param("messageId"));
    const spent = [{ subject: userSubject(me.id), quota: "messages" as const }];
    await spendOrRefuse(c, spent);
    const pinned = await chat.pin(me.id, id);
    if (!pinned.ok) await refund(c.env, spent);
    unwrap(pinned);
    return c.json({ ok: true });
  })
  .delete("/:chatId/messages/:messageId/pin", async (c) => {
    const { me, chat } = await chatOf(c);
    unwrap(await chat.unpin(me.id, parse(positiveId, c.req.param("messageId"))));
    return c.json({ ok: true });
  })
  /** Unpins every pinned message. */
  .delete("/:chatId/pins", async (c) => {
    const { me, chat } = await chatOf(c);
    unwrap(await chat.unpinAll(me.id));
    return c.json({ ok: true });
  });
