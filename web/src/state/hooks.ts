import { useEffect, useRef, useState } from "preact/hooks";
import type { AppState } from "./model.ts";
import { session } from "./session.ts";

/** Two arrays with the same items in the same order (a filtered slice that did not change). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * A slice of the app state. The component re-renders only when `pick` gives something
 * `equal` says is different, so a typing event in one chat leaves the others, the list and
 * the header alone. The reducer keeps untouched slices' identity, so `Object.is` suffices
 * unless `pick` builds a new value (then pass `sameItems` or another equality).
 */
export function useSelect<T>(pick: (s: AppState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const value = pick(session.store.state);
  const [, rerender] = useState(0);
  const latest = useRef({ pick, value, equal });
  latest.current = { pick, value, equal };
  useEffect(() => {
    const check = () => {
      const { pick, value, equal } = latest.current;
      if (!equal(value, pick(session.store.state))) rerender((n) => n + 1);
    };
    check(); // a change between the render and this subscription
    return session.store.subscribe(check);
  }, []);
  return value;
}

/** Re-renders every `ms` (relative times, typing indicators that expire). */
export function useTick(ms: number) {
  const [, setN] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setN((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}
