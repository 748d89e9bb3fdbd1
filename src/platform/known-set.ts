// A bounded memory of facts found true in D1 (a bot exists, a user is in a chat), so a hot
// path asks D1 once per isolate rather than once per request. Only positive facts are kept,
// and only as a filter in front of an actor that checks for itself: a stale one lets a
// request through to that actor, which refuses it; it never lets one skip a check.
export class KnownSet {
  private readonly known = new Set<string>();

  constructor(private readonly max = 10_000) {}

  has(key: string): boolean {
    return this.known.has(key);
  }

  add(key: string): void {
    if (this.known.size >= this.max) this.known.clear(); // forgetting only costs a lookup
    this.known.add(key);
  }

  /** True when `key` is known or `lookup` finds it (then it is remembered). */
  async check(key: string, lookup: () => Promise<boolean>): Promise<boolean> {
    if (this.known.has(key)) return true;
    const found = await lookup();
    if (found) this.add(key);
    return found;
  }
}
