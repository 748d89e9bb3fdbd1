// A bot's lifecycle (lifecycle.ts decides): two times in the actor's meta table, so an evicted
// actor is still logged out, or still launched, when it wakes.
import { ok, refuse } from "../platform/result.ts";
import { admit, closeAt, deliveriesPaused, logOutAt, type Lifecycle } from "./lifecycle.ts";
import type { BotResult } from "./reasons.ts";

export class BotLifecycle {
  constructor(private readonly sql: SqlStorage) {}

  /** A call arriving: refused while logged out; `loggedBackIn` when it ended a logout. */
  admit(now: number): BotResult<{ loggedBackIn: boolean }> {
    const before = this.get();
    const a = admit(before, now);
    if (!a.admitted) return refuse("logged_out");
    if (a.next) this.set(a.next);
    return ok({ loggedBackIn: before.loggedOutAt !== null });
  }

  logOut(now: number): void {
    this.set(logOutAt(now));
  }

  close(now: number): BotResult<true> {
    const r = closeAt(this.get(), now);
    if ("retryAfter" in r) return refuse("too_many_requests", { retryAfter: r.retryAfter });
    this.set(r.next);
    return ok(true);
  }

  /** Whether webhook deliveries wait (the bot logged out). */
  paused(): boolean {
    return deliveriesPaused(this.get());
  }

  private get(): Lifecycle {
    const rows = this.sql.exec<{ k: string; v: string }>("SELECT k, v FROM meta WHERE k IN ('launched_at', 'logged_out_at')").toArray();
    const at = (k: string) => {
      const v = rows.find((r) => r.k === k)?.v;
      return v === undefined ? null : Number(v);
    };
    return { launchedAt: at("launched_at"), loggedOutAt: at("logged_out_at") };
  }

  private set(l: Lifecycle): void {
    for (const [k, v] of [["launched_at", l.launchedAt], ["logged_out_at", l.loggedOutAt]] as const) {
      if (v === null) this.sql.exec("DELETE FROM meta WHERE k = ?", k);
      else this.sql.exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", k, String(v));
    }
  }
}
