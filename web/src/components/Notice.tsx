import { session } from "../state/session.ts";

/** A transient message at the bottom of the screen (errors that belong to no form). */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="notice" role="status" data-testid="notice" onClick={() => session.store.set({ notice: null })}>
      {text}
    </div>
  );
}
