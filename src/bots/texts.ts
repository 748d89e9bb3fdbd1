// A bot's name, description and short description, per language (setMyName and the rest).
// The default (no language) lives where everyone reads it: the name in the bot's profile and
// D1's users and bots rows (getMe, new messages' sender, the directory), the descriptions in
// D1's bots row (`description` and `about`, which the owner also edits on the Developer page).
// Each language's own text is kept in the actor's meta table; a language without one falls
// back to the default, as Telegram's getMy* do.
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import { botTextsOf, updateBotProfile } from "./queries.ts";
import type { BotSettings } from "./settings.ts";

export type TextKind = "name" | "description" | "short_description";

/** Telegram's lengths: name 0-64, description 0-512, short description 0-120 characters. */
export const TEXT_LIMITS: Record<TextKind, number> = { name: 64, description: 512, short_description: 120 };

/** What a client shows of a bot in one language. */
export interface BotTextsView {
  name: string;
  description: string;
  shortDescription: string;
}

export class BotTexts {
  constructor(
    private readonly sql: SqlStorage,
    private readonly env: Env,
    private readonly settings: BotSettings,
  ) {}

  /** The text for `language` ("" for the default), falling back to the default. */
  async get(kind: TextKind, language: string): Promise<string> {
    const own = language ? this.stored(kind, language) : null;
    if (own !== null) return own;
    if (kind === "name") return this.settings.profile().name;
    const row = await botTextsOf(open(this.env.DB), this.settings.profile().id);
    return (kind === "description" ? row?.description : row?.about) ?? "";
  }

  /**
   * Sets (or, with "", removes) the text for `language`. The default name cannot be removed: a
   * bot always has a name (Telegram's default is the name BotFather gave it), so "" leaves it.
   */
  async set(kind: TextKind, language: string, value: string): Promise<void> {
    if (language) {
      if (value) this.sql.exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", key(kind, language), value);
      else this.sql.exec("DELETE FROM meta WHERE k = ?", key(kind, language));
      return;
    }
    const profile = this.settings.profile();
    if (kind === "name") {
      if (!value || value === profile.name) return;
      // D1 first: should it fail, the actor still agrees with what everyone else reads.
      await updateBotProfile(open(this.env.DB), profile.id, { name: value });
      this.settings.setProfile({ ...profile, name: value });
      return;
    }
    await updateBotProfile(open(this.env.DB), profile.id, kind === "description" ? { description: value } : { about: value });
  }

  async view(language: string): Promise<BotTextsView> {
    const [name, description, shortDescription] = await Promise.all([
      this.get("name", language),
      this.get("description", language),
      this.get("short_description", language),
    ]);
    return { name, description, shortDescription };
  }

  private stored(kind: TextKind, language: string): string | null {
    return this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", key(kind, language)).toArray()[0]?.v ?? null;
  }
}

/** Languages are two-letter codes, so each kind holds at most 26 × 26 texts. */
function key(kind: TextKind, language: string): string {
  return `text|${kind}|${language}`;
}
