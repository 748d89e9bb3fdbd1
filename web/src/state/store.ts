// A tiny observable store: immutable snapshots, synchronous subscribers. Components read
// slices of it through `useSelect`, so a change re-renders only those whose slice changed.
export class Store<S> {
  private listeners = new Set<() => void>();
  constructor(private current: S) {}

  get state(): S {
    return this.current;
  }

  set(update: Partial<S> | ((s: S) => Partial<S>)) {
    const patch = typeof update === "function" ? update(this.current) : update;
    this.replace({ ...this.current, ...patch });
  }

  /** Takes the next whole state; the same object means nothing changed, and nobody is told. */
  replace(next: S) {
    if (next === this.current) return;
    this.current = next;
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
