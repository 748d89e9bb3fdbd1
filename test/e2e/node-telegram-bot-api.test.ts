// node-telegram-bot-api against the real local platform, written as for Telegram with only
// `baseApiUrl` changed: the shop bot (ntba-bot.ts) on its own webhook server, then moved to
// long polling the way the library does it (a 409, then setWebHook with an empty url).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type TelegramBot from "node-telegram-bot-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without type declarations
import { freePort, migrate, startPlatform } from "../../scripts/platform.mjs";
import { ALLOWED_UPDATES, createShopBot, type ShopBotEvent } from "./ntba-bot.ts";
import { eventually } from "./people.ts";
import { openShop, shopSteps, type ShopRun } from "./shop-scenario.ts";

let platform: { url: string; stop: () => Promise<void> };
let dir: string;
let run: ShopRun;
let bot: TelegramBot | null = null;
const downloads: { size: number; sha256: string }[] = [];
const chosen: { resultId: string; query: string }[] = [];
const errors: Record<string, unknown>[] = [];

function report(e: ShopBotEvent) {
  if (e.kind === "downloaded") downloads.push({ size: e.detail.size as number, sha256: e.detail.sha256 as string });
  else if (e.kind === "chosen") chosen.push({ resultId: e.detail.resultId as string, query: e.detail.query as string });
  else errors.push(e.detail);
}

function start(mode: "polling" | "webhook", port?: number) {
  bot = createShopBot(run.bot.token, { baseApiUrl: platform.url, mode, port, picture: join(dir, "special.png"), downloads: dir, ownerChatId: run.owner.user.id, report });
  return bot;
}

const webhookInfo = async () => (await fetch(`${platform.url}/bot${run.bot.token}/getWebhookInfo`).then((r) => r.json())).result;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-ntba-"));
  migrate(dir);
  platform = await startPlatform({ port: await freePort(), persistTo: dir });
  run = {
    ...(await openShop(platform.url, dir, 1)),
    chosen: () => eventually(() => chosen.shift()),
    downloaded: () => eventually(() => downloads.shift()),
  };
});

afterAll(async () => {
  if (bot?.isPolling()) await bot.stopPolling({ cancel: true });
  if (bot?.hasOpenWebHook()) await bot.closeWebHook();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("node-telegram-bot-api by webhook", () => {
  let hook: string;

  beforeAll(async () => {
    const port = await freePort();
    hook = `http://127.0.0.1:${port}/bot${run.bot.token}`;
    const b = start("webhook", port);
    await eventually(() => (b.hasOpenWebHook() ? true : undefined));
  });

  it("setWebHook, as the library spells it, points updates at the bot's own server", async () => {
    expect(await bot!.setWebHook(hook, { allowed_updates: JSON.stringify(ALLOWED_UPDATES) } as never)).toBe(true);
    const info = await bot!.getWebHookInfo();
    expect(info.url).toBe(hook);
    expect((await bot!.getMe()).username).toBe(run.bot.username);
  });

  shopSteps(() => run, "webhook", { reactions: true, profile: true });

  it("reports no errors", () => expect(errors).toEqual([]));
});

describe("node-telegram-bot-api moved to long polling", () => {
  it("a polling bot with a webhook still set clears it by setWebHook with an empty url, and gets what came meanwhile", async () => {
    await bot!.closeWebHook();
    expect((await webhookInfo()).url).not.toBe("");
    // Sent while the bot is being redeployed: it waits for the bot.
    await run.user.api("POST", `/api/v1/chats/${run.bot.id}/messages`, { text: "anyone there?" });
    start("polling");
    await eventually(async () => ((await webhookInfo()).url === "" ? true : undefined));
    const echo = await run.live.next((f) => f.type === "message" && f.message.from.id === run.bot.id && f.message.text === "You said: anyone there?");
    expect(echo.message.entities).toEqual([{ type: "bold", offset: 0, length: 9 }]);
  });

  shopSteps(() => run, "polling", { reactions: true, profile: true });

  it("reports no errors", () => expect(errors).toEqual([]));
});
