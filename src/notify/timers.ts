// Notification jobs due later than a Queue can delay a message (12 hours: a fallback check of
// a `low` notification whose bot set a long timeout, a send held by long quiet hours) wait in
// their bot's actor, on its alarm: stored here with their due time, handed to the queue when
// due (ActorAlarm takes `due()` among the actor's other due times).
import type { NotifyJob } from "./jobs.ts";

export class NotifyTimers {
  constructor(private readonly sql: SqlStorage) {}

  add(jobs: { job: NotifyJob; at: number }[]): void {
    for (const { job, at } of jobs) this.sql.exec("INSERT INTO notify_timers (due, job) VALUES (?, ?)", at, JSON.stringify(job));
  }

  /** When the earliest stored job is due, or null. */
  due(): number | null {
    return this.sql.exec<{ due: number | null }>("SELECT min(due) AS due FROM notify_timers").one().due;
  }

  /** The jobs due by `now`, taken out (the caller puts them on the queue; should that fail, it puts them back). */
  take(now: number): { job: NotifyJob; at: number }[] {
    const rows = this.sql.exec<{ id: number; due: number; job: string }>("SELECT id, due, job FROM notify_timers WHERE due <= ? ORDER BY due LIMIT 100", now).toArray();
    for (const r of rows) this.sql.exec("DELETE FROM notify_timers WHERE id = ?", r.id);
    return rows.map((r) => ({ job: JSON.parse(r.job) as NotifyJob, at: r.due }));
  }
}
