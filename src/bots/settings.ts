// A bot's settings, in the actor's `meta` table: its profile, its token's hash, privacy
// mode, rate limits, commands, which updates it wants, and its webhook.
import type { BotCommand, RateLimits } from "../protocol/api.ts";
import { randomBase64Url } from "../platform/crypto.ts";
import { defaultRateLimits } from "./limits.ts";

export interface BotProfile {
  id: number;
  username: string;
  name: string;
  ownerId: number;
}

/**
 * Update types sent when the bot names none; message_read is sent only when asked for, and
 * message_reaction too, as Telegram sends it only to bots that list it. chosen_inline_result
 * is sent only when listed, standing in for BotFather's inline feedback setting.
 */
const defaultUpdateTypes = ["message", "edited_message", "callback_query", "my_chat_member", "poll", "poll_answer", "inline_query"];

export interface WebhookSettings {
  url: string;
  secret: string | null;
  maxConnections: number;
}

export class BotSettings {
  constructor(private readonly sql: SqlStorage) {}

  profile(): BotProfile {
    const p = this.get("profile");
    if (!p) throw new Error("bot not initialised");
    return JSON.parse(p) as BotProfile;
  }

  isInitialised(): boolean {
    return this.get("profile") !== null;
  }

  setProfile(profile: BotProfile): void {
    this.set("profile", JSON.stringify(profile));
  }

  /** The owner's changes (the Developer page): the name, privacy mode, rate limits, inline mode. */
  configure(change: { privacy?: boolean; rateLimits?: RateLimits; inlinePlaceholder?: string | null; name?: string }): void {
    if (change.name) this.setProfile({ ...this.profile(), name: change.name });
    if (change.privacy !== undefined) this.setPrivacy(change.privacy);
    if (change.rateLimits) this.setRateLimits(change.rateLimits);
    if (change.inlinePlaceholder !== undefined) this.setInlinePlaceholder(change.inlinePlaceholder);
  }

  tokenHash(): string | null {
    return this.get("token_hash");
  }

  setTokenHash(hash: string | null): void {
    if (hash) this.set("token_hash", hash);
    else this.delete("token_hash");
  }

  privacy(): boolean {
    return this.get("privacy") !== "0";
  }

  setPrivacy(on: boolean): void {
    this.set("privacy", on ? "1" : "0");
  }

  rateLimits(): RateLimits {
    const r = this.get("rate_limits");
    return r ? (JSON.parse(r) as RateLimits) : defaultRateLimits;
  }

  setRateLimits(limits: RateLimits): void {
    this.set("rate_limits", JSON.stringify(limits));
  }

  commands(): BotCommand[] {
    return JSON.parse(this.get("commands") ?? "[]") as BotCommand[];
  }

  setCommands(commands: BotCommand[]): void {
    this.set("commands", JSON.stringify(commands));
  }

  /** The update types the bot asked for, or null when it asked for none (the default set applies). */
  askedUpdates(): string[] | null {
    const list = JSON.parse(this.get("allowed_updates") ?? "[]") as string[];
    return list.length ? list : null;
  }

  allowedUpdates(): string[] {
    return this.askedUpdates() ?? defaultUpdateTypes;
  }

  setAllowedUpdates(types: string[]): void {
    this.set("allowed_updates", JSON.stringify(types));
  }

  webhook(): WebhookSettings | null {
    const url = this.get("webhook_url");
    if (!url) return null;
    return { url, secret: this.get("webhook_secret"), maxConnections: Number(this.get("max_connections") ?? 40) };
  }

  setWebhook(w: WebhookSettings): void {
    this.set("webhook_url", w.url);
    if (w.secret) this.set("webhook_secret", w.secret);
    else this.delete("webhook_secret");
    this.set("max_connections", String(w.maxConnections));
  }

  clearWebhook(): void {
    this.sql.exec("DELETE FROM meta WHERE k IN ('webhook_url', 'webhook_secret', 'last_error_date', 'last_error_message')");
  }

  lastError(): { date: number; message: string } | null {
    const date = this.get("last_error_date");
    return date ? { date: Number(date), message: this.get("last_error_message") ?? "" } : null;
  }

  setLastError(date: number, message: string): void {
    this.set("last_error_date", String(date));
    this.set("last_error_message", message);
  }

  /** Inline mode's placeholder (BotFather's /setinline), or null while inline mode is off. */
  inlinePlaceholder(): string | null {
    return this.get("inline_placeholder");
  }

  setInlinePlaceholder(placeholder: string | null): void {
    if (placeholder === null) this.delete("inline_placeholder");
    else this.set("inline_placeholder", placeholder);
  }

  /** What login_url buttons are signed with: SHA-256 of the whole current token (login-url.ts). Never logged. */
  loginKey(): string | null {
    return this.get("login_key");
  }

  setLoginKey(key: string | null): void {
    if (key === null) this.delete("login_key");
    else this.set("login_key", key);
  }

  /** The key this bot's opaque ids are made with (opaque-ids.ts): made on first use, never shown. */
  opaqueKey(): string {
    const key = this.get("opaque_key");
    if (key) return key;
    const made = randomBase64Url(32);
    this.set("opaque_key", made);
    return made;
  }

  private get(k: string): string | null {
    return this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0]?.v ?? null;
  }

  private set(k: string, v: string): void {
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", k, v);
  }

  private delete(k: string): void {
    this.sql.exec("DELETE FROM meta WHERE k = ?", k);
  }
}
