// The outside channels (issue 10 point 1) against fakes that check a request as the real
// service would (test/fakes/outside-channels.ts, reached through the suite's outbound
// service): the signed official-account webhook, SMS with failover, e-mail through a fake
// send_email binding that reads the raw MIME, and the local sandbox with its outbox and page.
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app.ts";
import { adaptersFor } from "../../src/notify/channels/index.ts";
import { officialAccountAdapter } from "../../src/notify/channels/official-account.ts";
import { smsAdapter } from "../../src/notify/channels/sms.ts";
import { emailAdapter } from "../../src/notify/channels/email.ts";
import { FAKE_HOST, FAKE_OA_SECRET } from "../fakes/outside-channels.ts";
import { call, register } from "./client.ts";

const fake = `https://${FAKE_HOST}`;
let seq = 0;
const unique = (p: string) => `${p}-${Date.now().toString(36)}-${++seq}`;

/** What the fakes took whose body was for `to`. */
async function taken(to: string): Promise<{ path: string; headers: Record<string, string>; body: any }[]> {
  const all = (await (await fetch(`${fake}/log`)).json()) as { path: string; headers: Record<string, string>; body: any }[];
  return all.filter((t) => t.body?.touser === to || t.body?.to === to);
}

const message = (to: string) => ({ user: 1, to, title: "Acme", text: "Your parcel is out for delivery", link: "https://switchboard.example/r/tok123" });

describe("official account", () => {
  const oa = (path = "/oa", secret = FAKE_OA_SECRET, extra = {}) => officialAccountAdapter({ endpoint: `${fake}${path}`, secret, ...extra });

  it("posts a signed template message the platform accepts", async () => {
    const to = unique("oa");
    expect(await oa().send(message(to))).toEqual({ status: "sent" });
    const [t] = await taken(to);
    expect(t!.path).toBe("/oa");
    expect(t!.body).toEqual({ touser: to, template: "notification", title: "Acme", text: "Your parcel is out for delivery", url: "https://switchboard.example/r/tok123" });
    expect(t!.headers["x-switchboard-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(t!.headers["content-type"]).toBe("application/json");
  });

  it("a refused signature is failed; a 404 failed; a 5xx and a timeout uncertain", async () => {
    const bad = await oa("/oa", "not-the-secret").send(message(unique("oa")));
    expect(bad).toMatchObject({ status: "failed", reason: expect.stringContaining("401") });
    expect(await oa("/oa/status/404").send(message(unique("oa")))).toMatchObject({ status: "failed" });
    expect(await oa("/oa/status/503").send(message(unique("oa")))).toMatchObject({ status: "uncertain" });
    expect(await oa("/oa/hang", FAKE_OA_SECRET, { timeoutMs: 100 }).send(message(unique("oa")))).toMatchObject({ status: "uncertain" });
  });

  it("never calls a private or plain-http endpoint", async () => {
    for (const endpoint of ["https://10.0.0.8/oa", "http://fakes.switchboard.example/oa", "https://localhost/oa", "https://[::1]/oa"]) {
      const to = unique("oa");
      const r = await officialAccountAdapter({ endpoint, secret: FAKE_OA_SECRET }).send(message(to));
      expect(r, endpoint).toMatchObject({ status: "failed", reason: expect.stringContaining("endpoint is refused") });
      expect(await taken(to)).toEqual([]);
    }
  });

  it("is what adaptersFor gives when the secrets are set and the sandbox is off", async () => {
    const to = unique("oa");
    const adapters = adaptersFor({ ...env, SANDBOX: undefined, OA_ENDPOINT: `${fake}/oa`, OA_SECRET: FAKE_OA_SECRET });
    expect(await adapters.official_account.send(message(to))).toEqual({ status: "sent" });
    expect(await taken(to)).toHaveLength(1);
    // Nothing configured: failed at once, nothing recorded anywhere.
    const none = adaptersFor({ ...env, SANDBOX: undefined });
    for (const ch of ["sms", "email", "official_account"] as const) expect(await none[ch].send(message(unique("x")))).toEqual({ status: "failed", reason: "not configured" });
  });
});

describe("SMS", () => {
  const provider = (name: string, status: number) => ({ name, url: `${fake}/sms/${name}/${status}`, token: `token-${name}` });

  it("fails over to the second provider when the first answers 500, and names it", async () => {
    const to = `+4474${Math.floor(Math.random() * 1e8)}`;
    const r = await smsAdapter({ providers: [provider("alpha", 500), provider("beta", 200)] }).send({ ...message(to), text: "x".repeat(600) });
    expect(r).toEqual({ status: "sent", providerId: "beta" });
    const t = await taken(to);
    expect(t.map((x) => x.path)).toEqual(["/sms/alpha/500", "/sms/beta/200"]);
    expect(t[1]!.headers.authorization).toBe("Bearer token-beta");
    expect(t[1]!.body.to).toBe(to);
    expect([...t[1]!.body.text]).toHaveLength(480);
    expect(t[1]!.body.text.endsWith("… https://switchboard.example/r/tok123")).toBe(true);
  });

  it("a bad number stops at once; every provider failing is failed, or uncertain after a 5xx", async () => {
    const to1 = unique("+1");
    expect(await smsAdapter({ providers: [provider("alpha", 422), provider("beta", 200)] }).send(message(to1))).toMatchObject({ status: "failed" });
    expect((await taken(to1)).map((x) => x.path)).toEqual(["/sms/alpha/422"]);
    const to2 = unique("+1");
    expect(await smsAdapter({ providers: [provider("alpha", 401), provider("beta", 429)] }).send(message(to2))).toMatchObject({ status: "failed" });
    expect(await taken(to2)).toHaveLength(2);
    expect(await smsAdapter({ providers: [provider("alpha", 401), provider("beta", 503)] }).send(message(unique("+1")))).toMatchObject({ status: "uncertain" });
  });

  it("adaptersFor reads SMS_PROVIDERS; a broken value is not configured", async () => {
    const to = unique("+1");
    const a = adaptersFor({ ...env, SANDBOX: undefined, SMS_PROVIDERS: JSON.stringify([provider("gamma", 200)]) });
    expect(await a.sms.send(message(to))).toEqual({ status: "sent", providerId: "gamma" });
    expect(await adaptersFor({ ...env, SANDBOX: undefined, SMS_PROVIDERS: "[{" }).sms.send(message(to))).toMatchObject({ status: "failed" });
  });
});

describe("e-mail", () => {
  /**
   * A stand-in for the send_email binding that reads the raw MIME. workerd's EmailMessage keeps
   * its raw text private, so the adapter is given a wrapper that keeps it readable; the real
   * EmailMessage is checked reaching the binding below.
   */
  const readable = (from: string, to: string, raw: string) => ({ from, to, raw }) as unknown as EmailMessage;
  function fakeBinding(refuse = false) {
    const sent: { from: string; to: string; raw: string }[] = [];
    const binding = {
      async send(m: any) {
        if (refuse) throw new Error("destination address not verified");
        sent.push({ from: m.from, to: m.to, raw: m.raw });
        return { messageId: `<fake-${sent.length}@example.com>` };
      },
    } as unknown as SendEmail;
    return { binding, sent };
  }

  const decodePart = (raw: string, type: string) => {
    const m = new RegExp(`Content-Type: ${type}; charset=UTF-8\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\n([A-Za-z0-9+/=\\r\\n]+?)\\r\\n\\r\\n--`).exec(raw);
    if (!m) throw new Error(`no ${type} part in:\n${raw}`);
    return new TextDecoder().decode(Uint8Array.from(atob(m[1]!.replace(/\r\n/g, "")), (c) => c.charCodeAt(0)));
  };

  it("sends a multipart message with From, To, Subject, a text part and an HTML part with the link", async () => {
    const { binding, sent } = fakeBinding();
    const r = await emailAdapter(binding, "notify@switchboard.example", readable).send({ ...message("ann@example.com"), title: "Café <news>", text: "Bonjour & welcome" });
    expect(r).toEqual({ status: "sent", providerId: "<fake-1@example.com>" });
    expect(sent).toHaveLength(1);
    const { from, to, raw } = sent[0]!;
    expect([from, to]).toEqual(["notify@switchboard.example", "ann@example.com"]);
    expect(raw).toMatch(/^From: =\?utf-8\?B\?U3dpdGNoYm9hcmQ=\?= <notify@switchboard\.example>\r$/m); // "Switchboard"
    expect(raw).toMatch(/^To: <ann@example\.com>\r$/m);
    const subject = /^Subject: =\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=\r$/m.exec(raw);
    expect(new TextDecoder().decode(Uint8Array.from(atob(subject![1]!), (c) => c.charCodeAt(0)))).toBe("Café <news>");
    expect(raw).toMatch(/^Content-Type: multipart\/alternative; boundary=/m);
    expect(decodePart(raw, "text/plain")).toBe("Bonjour & welcome\n\nhttps://switchboard.example/r/tok123");
    const html = decodePart(raw, "text/html");
    expect(html).toContain("<p>Bonjour &amp; welcome</p>");
    expect(html).toContain('<a href="https://switchboard.example/r/tok123">https://switchboard.example/r/tok123</a>');
  });

  it("hands the binding a real EmailMessage from the sender to the recipient", async () => {
    const got: unknown[] = [];
    const binding = { send: async (m: unknown) => (got.push(m), { messageId: "<m@example.com>" }) } as unknown as SendEmail;
    expect(await emailAdapter(binding, "notify@switchboard.example").send(message("bob@example.com"))).toEqual({ status: "sent", providerId: "<m@example.com>" });
    expect((got[0] as { raw?: unknown }).raw).toBeUndefined(); // workerd's own EmailMessage (raw private), not a stand-in
    expect(got[0]).toMatchObject({ from: "notify@switchboard.example", to: "bob@example.com" });
  });

  it("a refusal by the binding is failed; not an address is failed without sending", async () => {
    expect(await emailAdapter(fakeBinding(true).binding, "notify@switchboard.example").send(message("ann@example.com"))).toMatchObject({ status: "failed", reason: expect.stringContaining("not verified") });
    const { binding, sent } = fakeBinding();
    expect(await emailAdapter(binding, "notify@switchboard.example").send(message("not an address"))).toMatchObject({ status: "failed" });
    expect(sent).toEqual([]);
  });
});

describe("the sandbox", () => {
  it("records all three channels instead of sending, and shows them as JSON and on /sandbox", async () => {
    const ann = await register("ann");
    const a = adaptersFor(env);
    expect(await a.sms.send({ user: ann.user.id, to: "+447400123456", title: "Code", text: "Your code is 123456", code: "123456" })).toMatchObject({ status: "sent" });
    expect(await a.email.send({ user: ann.user.id, to: "ann@example.com", title: "Acme", text: "Hi <b>Ann</b>", link: "https://switchboard.example/r/abc" })).toMatchObject({ status: "sent" });
    expect(await a.official_account.send({ user: ann.user.id, to: "ann-oa", title: "Acme", text: "Parcel" })).toMatchObject({ status: "sent" });

    const r = await call("GET", `/api/v1/sandbox/outbox?userId=${ann.user.id}`);
    expect(r.status).toBe(200);
    const items = r.body.items;
    expect(items.map((i: any) => i.channel)).toEqual(["official_account", "email", "sms"]); // newest first
    expect(items[2]).toEqual({ id: expect.any(Number), channel: "sms", to: "+447400123456", text: "Your code is 123456", code: "123456", at: expect.any(Number) });
    expect(items[1]).toMatchObject({ to: "ann@example.com", text: "Acme\n\nHi <b>Ann</b>", link: "https://switchboard.example/r/abc" });
    expect(items[1]).not.toHaveProperty("code");
    const sms = await call("GET", `/api/v1/sandbox/outbox?userId=${ann.user.id}&channel=sms`);
    expect(sms.body.items).toHaveLength(1);

    const page = await call("GET", "/sandbox");
    expect(page.status).toBe(200);
    expect(page.response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(page.body).toContain(`@${ann.user.handle}`);
    expect(page.body).toContain("Hi &lt;b&gt;Ann&lt;/b&gt;");
    expect(page.body).not.toContain("<b>Ann</b>");
    expect(page.body).toContain('<a href="https://switchboard.example/r/abc">');
    expect(page.body).toContain('<strong class="code">123456</strong>');
    expect(page.body).toMatch(/<meta http-equiv="refresh" content="\d+">/);
  });

  it("bad queries are 400", async () => {
    for (const q of ["channel=fax", "channel=in_app", "userId=abc", "userId=0", "userId=-3", "userId=1.5", "userId=99999999999999999999"]) {
      const r = await call("GET", `/api/v1/sandbox/outbox?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe("bad_request");
    }
  });

  it("is 404 where the sandbox is off, and sends nothing into the outbox", async () => {
    const off = { ...env, SANDBOX: undefined };
    for (const path of ["/api/v1/sandbox/outbox", "/sandbox"]) {
      const r = await app.fetch(new Request(`http://switchboard.test${path}`), off, createExecutionContext());
      expect(r.status, path).toBe(404);
    }
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM sandbox_outbox").first<{ n: number }>();
    await adaptersFor(off).sms.send(message(unique("+1")));
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sandbox_outbox").first<{ n: number }>()).toEqual(before);
  });
});
