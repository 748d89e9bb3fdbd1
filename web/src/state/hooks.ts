import { useEffect, useState } from "preact/hooks";
import { session, type AppState } from "./session.ts";

/** The app state, re-rendering on every change (the state is small). */
export function useAppState(): AppState {
  const [state, setState] = useState(session.store.state);
  useEffect(() => {
    setState(session.store.state);
    return session.store.subscribe(() => setState(session.store.state));
  }, []);
  return state;
}

/** Re-renders every `ms` (relative times, typing indicators that expire). */
export function useTick(ms: number) {
  const [, setN] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setN((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}
