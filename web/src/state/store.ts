// A tiny observable store: immutable snapshots, synchronous subscribers.
export class Store<S> {
  private listeners = new Set<() => void>();
  constructor(private current: S) {}

  get state(): S {
    return this.current;
  }

  set(update: Partial<S> | ((s: S) => Partial<S>)) {
    const patch = typeof update === "function" ? update(this.current) : update;
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
