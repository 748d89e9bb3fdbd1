// Our logs never print a bot token: a failure on the Bot API is logged with the bot id and
// the method, not the request's URL, path or parameters, whatever the error says.
import { env } from "cloudflare:workers";
import { afterEach, expect, test, vi } from "vitest";
import { botCall, createBot } from "./bot-helpers.ts";
import { call, register } from "./client.ts";

afterEach(() => vi.restoreAllMocks());

function logged(spies: { mock: { calls: unknown[][] } }[]): string {
  return spies
    .flatMap((s) => s.mock.calls)
    .map((args) => args.map((a) => (a instanceof Error ? `${a.stack} ${a.message}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "))
    .join("\n");
}

/** Makes the bots' actor method `method` fail with an error that repeats what it was given, as fetch and RPC errors may. */
function failBelow(method: "invoke" | "fileKey", says: (...args: unknown[]) => string) {
  const getByName = env.BOTS.getByName.bind(env.BOTS);
  vi.spyOn(env.BOTS, "getByName").mockImplementation((name: string) => {
    const stub = getByName(name);
    return new Proxy(stub, {
      get: (target, prop) =>
        prop === method
          ? async (...args: unknown[]) => {
              throw new Error(says(...args));
            }
          : Reflect.get(target, prop),
    });
  });
}

function spyOnConsole() {
  return [vi.spyOn(console, "error"), vi.spyOn(console, "warn"), vi.spyOn(console, "log"), vi.spyOn(console, "info")];
}

test("a Bot API call that fails unexpectedly logs the bot id and method, never the token", async () => {
  const owner = await register("logs");
  const bot = await createBot(owner);
  const secret = bot.token.split(":")[1]!;
  failBelow("invoke", (call) => `upstream failed for /bot${bot.token}/ with ${JSON.stringify(call)}`);
  const spies = spyOnConsole();
  const r = await botCall(bot.token, "sendMessage", { chat_id: 1, text: `my token is ${bot.token}` });
  expect(r.ok).toBe(false);
  expect(r.error_code).toBe(500);
  const text = logged(spies);
  expect(text).toContain(String(bot.id));
  expect(text).toContain("sendMessage");
  expect(text).not.toContain(secret);
});

test("a failing file download on the Bot API never logs the token", async () => {
  const owner = await register("logs");
  const bot = await createBot(owner);
  const secret = bot.token.split(":")[1]!;
  failBelow("fileKey", (path) => `lookup failed for /file/bot${bot.token}/${String(path)}`);
  const spies = spyOnConsole();
  const r = await call("GET", `/file/bot${bot.token}/photos/x.jpg`);
  expect(r.status).toBe(500);
  const text = logged(spies);
  expect(text).toContain(String(bot.id));
  expect(text).not.toContain(secret);
});
