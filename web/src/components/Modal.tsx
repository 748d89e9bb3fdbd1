import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { Icon } from "./Icon.tsx";

export function Modal({
  title,
  onClose,
  children,
  testid,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  testid?: string;
  wide?: boolean;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class={`modal${wide ? " modal-wide" : ""}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testid}>
        <header class="modal-head">
          <h2>{title}</h2>
          <button class="icon-btn" aria-label="Close" data-testid="modal-close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>
        <div class="modal-body">{children}</div>
      </div>
    </div>
  );
}
