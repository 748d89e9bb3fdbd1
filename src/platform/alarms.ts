// An actor has one alarm, and several modules that may need it (a retry, a schedule, a
// repair). Each module says when its stored work is next due; the alarm is set to the
// earliest. It is never moved later than it already is: a due alarm that fires early finds
// nothing to do and is set again, but one pushed back by every new piece of work could
// starve what was already waiting.

/** The earliest of the due times, or null when nothing is due. Pure. */
export function earliest(dueTimes: readonly (number | null | undefined)[]): number | null {
  let min: number | null = null;
  for (const t of dueTimes) if (t !== null && t !== undefined && (min === null || t < min)) min = t;
  return min;
}

/** Whether an alarm now set at `current` (null: none) should move to `next`. Pure. */
export function shouldSetAlarm(current: number | null, next: number | null): next is number {
  return next !== null && (current === null || next < current);
}

/** The part of a Durable Object's storage that holds its alarm. */
export interface AlarmStorage {
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number): Promise<void>;
}

/** One actor's alarm. Calls are serialised, so two of them cannot both read "none" and the later time win. */
export class ActorAlarm {
  private chain: Promise<void> = Promise.resolve();
  /** The alarm as last read or set; trusted only while it lies ahead (once due, it may have fired). */
  private known: number | null = null;

  constructor(private readonly storage: AlarmStorage) {}

  /** Call first thing in `alarm()`: the alarm that was set is spent, whenever it was due. */
  fired(): void {
    this.known = null;
  }

  /** Brings the alarm forward to the earliest of `dueTimes`, if that is sooner than it is set. */
  arm(dueTimes: readonly (number | null | undefined)[]): Promise<void> {
    const next = earliest(dueTimes);
    if (next === null || (this.known !== null && this.known > Date.now() && next >= this.known)) return this.chain;
    this.chain = this.chain
      .then(async () => {
        const current = await this.storage.getAlarm();
        this.known = current;
        if (shouldSetAlarm(current, next)) {
          await this.storage.setAlarm(next);
          this.known = next;
        }
      })
      .catch((err) => console.error("setting the alarm failed", err));
    return this.chain;
  }
}
