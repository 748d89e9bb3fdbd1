// The one getUpdates long poll a bot may have waiting. A newer poll ends an older one with
// a conflict, as in Telegram; new updates, a webhook being set, or the token changing wake it.

export type PollEnd = "woken" | "timeout" | "conflict";

export class LongPoll {
  private waiter: ((end: PollEnd) => void) | null = null;

  /** Waits up to `seconds` for `wake`; an older waiter gets "conflict". */
  wait(seconds: number): Promise<PollEnd> {
    this.end("conflict");
    return new Promise<PollEnd>((resolve) => {
      const timer = setTimeout(() => this.settle(resolve, "timeout"), seconds * 1000);
      this.waiter = (end) => {
        clearTimeout(timer);
        resolve(end);
      };
    });
  }

  wake(): void {
    this.end("woken");
  }

  /** Ends the waiting poll as superseded (a webhook was set). */
  end(how: PollEnd = "conflict"): void {
    const w = this.waiter;
    this.waiter = null;
    w?.(how);
  }

  private settle(resolve: (end: PollEnd) => void, end: PollEnd): void {
    this.waiter = null;
    resolve(end);
  }
}
