// Contact points (issue 10 point 2; ARCHITECTURE.md 4.3): a code goes out on the contact's own
// channel (the sandbox records it), confirms it, and nothing else does: wrong codes, expired
// ones, a sixth guess, another user's code, a replaced address. Bad addresses are told apart.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app.ts";
import { call, register, type Session } from "./client.ts";

/** The newest code the sandbox recorded for this user on this channel, and where it went. */
async function lastCode(s: Session, channel: string): Promise<{ code: string; to: string; text: string } | null> {
  const row = await env.DB.prepare("SELECT code, \"to\", text FROM sandbox_outbox WHERE user = ? AND channel = ? ORDER BY id DESC LIMIT 1")
    .bind(s.user.id, channel)
    .first<{ code: string; to: string; text: string }>();
  return row ?? null;
}

const add = (s: Session, channel: string, address: string) => call("POST", "/api/v1/me/contacts", { token: s.token, json: { channel, address } });
const verify = (s: Session, channel: string, code: string) => call("POST", "/api/v1/me/contacts/verify", { token: s.token, json: { channel, code } });
const list = async (s: Session) => (await call("GET", "/api/v1/me/contacts", { token: s.token })).body.contacts;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("contact points", () => {
  it("adds an e-mail, sends its code by e-mail, confirms it", async () => {
    const ann = await register("ann");
    const r = await add(ann, "email", " Ann@Example.COM ");
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ contact: { channel: "email", address: "Ann@example.com", verified: false } });
    const sent = await lastCode(ann, "email");
    expect(sent?.to).toBe("Ann@example.com");
    expect(sent?.code).toMatch(/^\d{6}$/);
    expect(sent?.text).toContain(sent!.code);
    expect(await list(ann)).toEqual([{ channel: "email", address: "Ann@example.com", verified: false }]);
    // The code is stored hashed only.
    const row = await env.DB.prepare("SELECT code_hash FROM contacts WHERE user = ?").bind(ann.user.id).first<{ code_hash: string }>();
    expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.code_hash).not.toContain(sent!.code);

    const v = await verify(ann, "email", sent!.code.slice(0, 3) + " " + sent!.code.slice(3));
    expect(v.status).toBe(200);
    expect(v.body).toEqual({ contact: { channel: "email", address: "Ann@example.com", verified: true } });
    expect(await list(ann)).toEqual([{ channel: "email", address: "Ann@example.com", verified: true }]);
    // The code is spent.
    expect((await verify(ann, "email", sent!.code)).body.error.code).toBe("no_code_pending");
  });

  it("sends a phone's code by SMS and an official account's on the official account, E.164 stored", async () => {
    const ben = await register("ben");
    expect((await add(ben, "sms", "+44 7400 123456")).body.contact).toEqual({ channel: "sms", address: "+447400123456", verified: false });
    expect((await add(ben, "official_account", "oa_ben-1")).status).toBe(201);
    const sms = await lastCode(ben, "sms");
    const oa = await lastCode(ben, "official_account");
    expect(sms?.to).toBe("+447400123456");
    expect(oa?.to).toBe("oa_ben-1");
    expect(await lastCode(ben, "email")).toBeNull();
    expect((await verify(ben, "sms", sms!.code)).status).toBe(200);
    expect(await list(ben)).toEqual([
      { channel: "official_account", address: "oa_ben-1", verified: false },
      { channel: "sms", address: "+447400123456", verified: true },
    ]);
  });

  it("refuses bad addresses and bodies with clear 400s, storing and sending nothing", async () => {
    const cat = await register("cat");
    const cases: [string, unknown, string][] = [
      ["sms", "07400 123456", "bad_phone"],
      ["sms", "+44 20 7946 0018", "bad_phone"], // a landline takes no SMS
      ["sms", "+1 234", "bad_phone"],
      ["email", "cat@", "bad_email"],
      ["email", `${"c".repeat(250)}@x.io`, "bad_email"],
      ["official_account", "has space", "bad_official_account"],
      ["official_account", "x".repeat(65), "bad_official_account"],
      ["pigeon", "coo", "bad_request"],
      ["email", 42, "bad_request"],
      ["email", "x".repeat(400), "bad_request"],
    ];
    for (const [channel, address, code] of cases) {
      const r = await call("POST", "/api/v1/me/contacts", { token: cat.token, json: { channel, address } });
      expect(r.status, `${channel} ${address}`).toBe(400);
      expect(r.body.error.code, `${channel} ${address}`).toBe(code);
      expect(r.body.error.message).toEqual(expect.any(String));
    }
    expect(await list(cat)).toEqual([]);
    const outbox = await env.DB.prepare("SELECT count(*) AS n FROM sandbox_outbox WHERE user = ?").bind(cat.user.id).first<{ n: number }>();
    expect(outbox!.n).toBe(0);
    expect((await verify(cat, "email", "12345")).status).toBe(400);
    expect((await verify(cat, "email", "123456")).body.error.code).toBe("contact_not_found");
    expect((await call("DELETE", "/api/v1/me/contacts/pigeon", { token: cat.token })).status).toBe(400);
    expect((await call("GET", "/api/v1/me/contacts")).status).toBe(401);
  });

  it("a wrong code is refused; after five wrong ones the code is void, even the right one", async () => {
    const dan = await register("dan");
    await add(dan, "email", "dan@example.com");
    const { code } = (await lastCode(dan, "email"))!;
    for (let i = 0; i < 5; i++) {
      const r = await verify(dan, "email", wrong(code));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("bad_code");
    }
    const sixth = await verify(dan, "email", code);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe("too_many_attempts");
    expect((await list(dan))[0].verified).toBe(false);
    // Adding again sends a new code, with a fresh allowance.
    await add(dan, "email", "dan@example.com");
    expect((await verify(dan, "email", (await lastCode(dan, "email"))!.code)).status).toBe(200);
  });

  it("parallel guesses share one allowance of five", async () => {
    const eve = await register("eve");
    await add(eve, "email", "eve@example.com");
    const { code } = (await lastCode(eve, "email"))!;
    const answers = await Promise.all(Array.from({ length: 12 }, () => verify(eve, "email", wrong(code))));
    expect(answers.filter((r) => r.body.error.code === "bad_code")).toHaveLength(5);
    expect(answers.filter((r) => r.body.error.code === "too_many_attempts")).toHaveLength(7);
    expect((await verify(eve, "email", code)).body.error.code).toBe("too_many_attempts");
  });

  it("an expired code is refused with 410", async () => {
    const fay = await register("fay");
    await add(fay, "sms", "+14155552671");
    const { code } = (await lastCode(fay, "sms"))!;
    await env.DB.prepare("UPDATE contacts SET code_expires = ? WHERE user = ?").bind(Date.now() - 1, fay.user.id).run();
    const r = await verify(fay, "sms", code);
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe("code_expired");
    expect((await list(fay))[0].verified).toBe(false);
  });

  it("another user cannot confirm my contact, with my code or on his own account", async () => {
    const gus = await register("gus");
    const mal = await register("mal");
    await add(gus, "email", "gus@example.com");
    const { code } = (await lastCode(gus, "email"))!;
    expect((await verify(mal, "email", code)).body.error.code).toBe("contact_not_found");
    // Mallory claims the same address: her code is hers; Gus's code does not confirm hers.
    await add(mal, "email", "gus@example.com");
    const r = await verify(mal, "email", code);
    const malCode = (await lastCode(mal, "email"))!.code;
    if (malCode !== code) expect(r.body.error.code).toBe("bad_code");
    expect((await list(gus))[0].verified).toBe(false);
    expect((await verify(gus, "email", code)).status).toBe(200);
  });

  it("re-adding replaces the address, unconfirmed, and voids the old code", async () => {
    const hal = await register("hal");
    await add(hal, "email", "old@example.com");
    const old = (await lastCode(hal, "email"))!.code;
    expect((await verify(hal, "email", old)).status).toBe(200);
    await add(hal, "email", "new@example.com");
    expect(await list(hal)).toEqual([{ channel: "email", address: "new@example.com", verified: false }]);
    const sent = (await lastCode(hal, "email"))!;
    expect(sent.to).toBe("new@example.com");
    // A code for the old address never confirms the new one (the hash binds the address).
    if (old !== sent.code) expect((await verify(hal, "email", old)).body.error.code).toBe("bad_code");
    expect((await verify(hal, "email", sent.code)).body.contact).toEqual({ channel: "email", address: "new@example.com", verified: true });
  });

  it("removes a contact; removing one that is not there is 404", async () => {
    const ida = await register("ida");
    await add(ida, "official_account", "ida");
    expect((await call("DELETE", "/api/v1/me/contacts/official_account", { token: ida.token })).body).toEqual({ ok: true });
    expect(await list(ida)).toEqual([]);
    const again = await call("DELETE", "/api/v1/me/contacts/official_account", { token: ida.token });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("contact_not_found");
  });

  it("a code that cannot be sent is 502 contact_unreachable, and nothing can confirm the contact", async () => {
    const kim = await register("kim");
    // Outside the sandbox with no provider configured, every channel answers `failed`.
    const r = await app.request(
      "/api/v1/me/contacts",
      { method: "POST", headers: { Authorization: `Bearer ${kim.token}`, "Content-Type": "application/json" }, body: JSON.stringify({ channel: "sms", address: "+447400123456" }) },
      { ...env, SANDBOX: "off", SMS_PROVIDERS: undefined },
    );
    expect(r.status).toBe(502);
    expect(((await r.json()) as any).error.code).toBe("contact_unreachable");
    expect(await list(kim)).toEqual([{ channel: "sms", address: "+447400123456", verified: false }]);
    expect((await verify(kim, "sms", "000000")).body.error.code).toBe("no_code_pending");
    // Trying again where it can be sent works.
    await add(kim, "sms", "+447400123456");
    expect((await verify(kim, "sms", (await lastCode(kim, "sms"))!.code)).status).toBe(200);
  });

  it("bounds the codes a user asks for in an hour (429 with Retry-After)", async () => {
    const jo = await register("jo");
    for (let i = 0; i < 10; i++) expect((await add(jo, "official_account", `jo${i}`)).status).toBe(201);
    const r = await add(jo, "official_account", "jo10");
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe("quota_exceeded");
    expect(Number(r.response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await list(jo))[0].address).toBe("jo9");
  });
});
