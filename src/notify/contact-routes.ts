// Contact points under /api/v1/me/contacts (ARCHITECTURE.md 4.3): add a phone, an e-mail or
// an official-account id (a code goes out on that channel), confirm it with the code, list,
// remove. Only confirmed contacts receive notifications. The decisions are contacts.ts's.
import { Hono } from "hono";
import { z } from "zod";
import { spendOrRefuse, userSubject } from "../accounts/quotas.ts";
import type { AppEnv } from "../accounts/session.ts";
import { open } from "../platform/d1.ts";
import { failure } from "../platform/errors.ts";
import { body, parse } from "../platform/validate.ts";
import { adaptersFor } from "./channels/index.ts";
import type { SendResult } from "./channels/types.ts";
import { confirmContact, contactOf, contactsOf, countAttempt, putPendingContact, removeContact, voidCode } from "./contact-store.ts";
import { ADDRESS_INPUT_MAX, attemptRefusal, CODE_DIGITS, CODE_TTL_MS, codeHash, judgeCode, newCode, normaliseAddress } from "./contacts.ts";
import { CONTACT_CHANNELS } from "./schema.ts";

const channel = z.enum(CONTACT_CHANNELS, { error: `must be one of ${CONTACT_CHANNELS.join(", ")}` });
const addBody = z.object({ channel, address: z.string().max(ADDRESS_INPUT_MAX) });
const verifyBody = z.object({
  channel,
  code: z
    .string()
    .max(32)
    .transform((s) => s.replace(/[\s-]/g, ""))
    .refine((s) => new RegExp(`^\\d{${CODE_DIGITS}}$`).test(s), `must be the ${CODE_DIGITS} digits that were sent`),
});

export const contactRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ contacts: await contactsOf(open(c.env.DB), c.get("user").id) }))
  // Adding again replaces the address (unconfirmed until its new code comes back) and sends a new code.
  .post("/", async (c) => {
    const input = await body(c, addBody);
    const normal = normaliseAddress(input.channel, input.address);
    if (!normal.ok) throw failure(normal.reason);
    const me = c.get("user").id;
    await spendOrRefuse(c, [{ subject: userSubject(me), quota: "contactCodes" }]);
    const db = open(c.env.DB);
    const code = newCode();
    const hash = await codeHash(me, input.channel, normal.address, code);
    await putPendingContact(db, me, input.channel, normal.address, hash, Date.now() + CODE_TTL_MS);
    let sent: SendResult;
    try {
      sent = await adaptersFor(c.env)[input.channel].send({
        user: me,
        to: normal.address,
        title: "Your Switchboard code",
        text: `Your code is ${code}. It expires in ${CODE_TTL_MS / 60_000} minutes.`,
        code,
      });
    } catch (err) {
      console.error("contact code not sent", err);
      sent = { status: "failed", reason: "the adapter threw" };
    }
    // `uncertain` may well have arrived: the code stays good. `failed` did not: it is void.
    if (sent.status === "failed") {
      await voidCode(db, me, input.channel, hash);
      throw failure("contact_unreachable");
    }
    return c.json({ contact: { channel: input.channel, address: normal.address, verified: false } }, 201);
  })
  .post("/verify", async (c) => {
    const input = await body(c, verifyBody);
    const me = c.get("user").id;
    const db = open(c.env.DB);
    const now = Date.now();
    const row = await contactOf(db, me, input.channel);
    const refused = attemptRefusal(row, now);
    if (refused) throw failure(refused);
    const stored = row!.codeHash!;
    if (!(await countAttempt(db, me, input.channel, stored))) {
      throw failure(attemptRefusal(await contactOf(db, me, input.channel), now) ?? "too_many_attempts");
    }
    const verdict = judgeCode(row, await codeHash(me, input.channel, row!.address, input.code), now);
    if (verdict !== "ok") throw failure(verdict);
    const confirmed = await confirmContact(db, me, input.channel, stored);
    if (!confirmed) throw failure("no_code_pending"); // replaced by a new add meanwhile
    return c.json({ contact: confirmed });
  })
  .delete("/:channel", async (c) => {
    const which = parse(channel, c.req.param("channel"));
    if (!(await removeContact(open(c.env.DB), c.get("user").id, which))) throw failure("contact_not_found");
    return c.json({ ok: true });
  });
