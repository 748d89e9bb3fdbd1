// python-telegram-bot 13 (Debian's package) against the real local platform: the shop bot in
// ptb_bot.py, a Python script written as for Telegram with only Updater's base_url and
// base_file_url changed, run by start_webhook (which calls set_webhook), then redeployed to
// start_polling (which deletes the webhook). It reports on stdout in JSON lines.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without type declarations
import { freePort, migrate, startPlatform } from "../../scripts/platform.mjs";
// @ts-expect-error plain ESM script without type declarations
import { findPythonTelegramBot } from "../../scripts/ensure-python-telegram-bot.mjs";
import { eventually } from "./people.ts";
import { openShop, shopSteps, type ShopRun } from "./shop-scenario.ts";

const script = fileURLToPath(new URL("./ptb_bot.py", import.meta.url));

let platform: { url: string; stop: () => Promise<void> };
let dir: string;
let run: ShopRun;

/** One run of the Python bot: its JSON lines, in order, and its stderr for failures. */
class PythonBot {
  readonly events: any[] = [];
  private taken = new Set<any>();
  stderr = "";
  readonly child: ChildProcess;

  constructor(python: string, env: Record<string, string>) {
    this.child = spawn(python, [script], { env: { ...process.env, ...env, PYTHONUNBUFFERED: "1" }, stdio: ["pipe", "pipe", "pipe"] });
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      try {
        this.events.push(JSON.parse(line));
      } catch {
        this.stderr += `stdout: ${line}\n`;
      }
    });
    this.child.stderr!.on("data", (c) => (this.stderr = (this.stderr + String(c)).slice(-8000)));
  }

  async next(event: string, timeoutMs = 20_000): Promise<any> {
    try {
      return await eventually(() => {
        const e = this.events.find((x) => !this.taken.has(x) && x.event === event);
        if (e) this.taken.add(e);
        if (!e && this.child.exitCode !== null) throw new Error(`the bot exited (${this.child.exitCode})`);
        return e;
      }, timeoutMs);
    } catch (err) {
      throw new Error(`no "${event}" from the Python bot: ${(err as Error).message}\n${this.stderr}`);
    }
  }

  errors = () => this.events.filter((e) => e.event === "error");

  async stop() {
    if (this.child.exitCode !== null) return;
    this.child.stdin!.end("stop\n");
    await this.next("stopped", 30_000);
  }

  kill() {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

let bot: PythonBot | null = null;
const python = findPythonTelegramBot() as string | null;

function start(mode: "polling" | "webhook", port?: number) {
  if (!python) throw new Error("python-telegram-bot 13 is missing: run `node scripts/ensure-python-telegram-bot.mjs` (npm run test:e2e does)");
  bot = new PythonBot(python, {
    BOT_TOKEN: run.bot.token,
    API_ROOT: platform.url,
    MODE: mode,
    WEBHOOK_PORT: String(port ?? 0),
    PICTURE: join(dir, "special.png"),
    OWNER_CHAT_ID: String(run.owner.user.id),
  });
  return bot;
}

const webhookInfo = async () => (await fetch(`${platform.url}/bot${run.bot.token}/getWebhookInfo`).then((r) => r.json())).result;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-ptb-"));
  migrate(dir);
  platform = await startPlatform({ port: await freePort(), persistTo: dir });
  run = {
    ...(await openShop(platform.url, dir, 2)),
    chosen: async () => {
      const e = await bot!.next("chosen");
      return { resultId: e.result_id, query: e.query };
    },
    downloaded: async () => {
      const e = await bot!.next("downloaded");
      return { size: e.size, sha256: e.sha256 };
    },
  };
});

afterAll(async () => {
  bot?.kill();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("python-telegram-bot by webhook", () => {
  it("start_webhook sets the webhook to the bot's own server, and the token passes the library's check", async () => {
    const port = await freePort();
    const ready = await start("webhook", port).next("ready");
    expect(ready).toMatchObject({ mode: "webhook", username: run.bot.username, id: run.bot.id });
    await eventually(async () => ((await webhookInfo()).url === `http://127.0.0.1:${port}/${run.bot.token}` ? true : undefined));
  });

  shopSteps(() => run, "webhook", { reactions: false, profile: false });

  it("reports no errors", () => expect(bot!.errors()).toEqual([]));
});

describe("python-telegram-bot moved to long polling", () => {
  it("start_polling deletes the webhook and gets what came meanwhile", async () => {
    await bot!.stop();
    expect((await webhookInfo()).url).not.toBe("");
    await run.user.api("POST", `/api/v1/chats/${run.bot.id}/messages`, { text: "anyone there?" });
    expect(await start("polling").next("ready")).toMatchObject({ mode: "polling", username: run.bot.username });
    await eventually(async () => ((await webhookInfo()).url === "" ? true : undefined));
    const echo = await run.live.next((f) => f.type === "message" && f.message.from.id === run.bot.id && f.message.text === "You said: anyone there?");
    expect(echo.message.entities).toEqual([{ type: "bold", offset: 0, length: 9 }]);
  });

  shopSteps(() => run, "polling", { reactions: false, profile: false });

  it("reports no errors", () => expect(bot!.errors()).toEqual([]));
});
