// Helpers for the Bot API tests: create a bot, call its methods as a bot library would.
import { exports } from "cloudflare:workers";
import { call, type Session } from "./client.ts";
import { png } from "../png.ts";

export interface TestBot {
  id: number;
  username: string;
  token: string;
  api: (method: string, params?: Record<string, unknown>) => Promise<any>;
}

let n = 0;

export async function createBot(owner: Session, extra: Record<string, unknown> = {}): Promise<TestBot> {
  n += 1;
  const username = `t${Date.now().toString(36)}${n}${Math.floor(Math.random() * 1e4)}_bot`;
  const r = await call("POST", "/api/v1/bots", { token: owner.token, json: { username, name: `Test Bot ${n}`, ...extra } });
  if (r.status !== 201) throw new Error(`bot creation failed: ${JSON.stringify(r.body)}`);
  const token = r.body.token as string;
  return { id: r.body.bot.id, username, token, api: (method, params) => botCall(token, method, params) };
}

export async function botCall(token: string, method: string, params: Record<string, unknown> = {}, init?: RequestInit): Promise<any> {
  const response = await exports.default.fetch(
    new Request(`http://switchboard.test/bot${token}/${method}`, init ?? {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(params),
    }),
  );
  const body = (await response.json()) as any;
  if (body.ok === false && response.status !== body.error_code) throw new Error(`status ${response.status} != error_code ${body.error_code}`);
  return body;
}

/** Sends a photo as a library uploads one (multipart, with `fields` beside it); answers the Bot API's JSON. */
export async function sendPhotoUpload(bot: TestBot, chatId: number, fields: Record<string, string> = {}, bytes: Uint8Array = png(1, 1)): Promise<any> {
  const form = new FormData();
  form.set("chat_id", String(chatId));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("photo", new File([bytes], "photo.png", { type: "image/png" }));
  return botCall(bot.token, "sendPhoto", {}, { method: "POST", body: form });
}

/**
 * Confirms and returns all pending updates. A sender's answer does not wait for the fan-out,
 * so an update may still be on its way: the queue counts as drained once it has been empty
 * twice, 50 ms apart.
 */
export async function drain(bot: TestBot): Promise<any[]> {
  const updates: any[] = [];
  for (let empty = 0; empty < 2; ) {
    const r = await bot.api("getUpdates", { timeout: 0, ...(updates.length ? { offset: updates.at(-1).update_id + 1 } : {}) });
    if (!r.ok) throw new Error(JSON.stringify(r));
    if (r.result.length) {
      updates.push(...r.result);
      empty = 0;
    } else if (++empty < 2) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  if (updates.length) await bot.api("getUpdates", { offset: updates.at(-1).update_id + 1, timeout: 0 });
  return updates;
}

export async function start(user: Session, bot: TestBot, payload?: string) {
  return call("POST", `/api/v1/bots/${bot.username}/start`, { token: user.token, json: payload ? { payload } : {} });
}
