// The one getUpdates long poll a bot may have waiting. A newer poll ends an older one with
// a conflict, as in Telegram; new updates wake it; a webhook being set ends it with a
// conflict, and a new or revoked token ends it as unauthorised (it was made with the old one).

export type PollEnd = "woken" | "timeout" | "conflict" | "revoked" | "logged_out" | "closed";

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

  /**
   * Ends the waiting poll: superseded ("conflict"), made with a token that no longer works
   * ("revoked"), or the bot logged out or closed its instance (see lifecycle.ts).
   */
  end(how: PollEnd): void {
    const w = this.waiter;
    this.waiter = null;
    w?.(how);
  }

  private settle(resolve: (end: PollEnd) => void, end: PollEnd): void {
    this.waiter = null;
    resolve(end);
  }
}
