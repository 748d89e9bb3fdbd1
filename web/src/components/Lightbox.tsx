import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "./Icon.tsx";
import { useObjectUrl } from "./Media.tsx";

/** What the viewer shows: a photo's original, or an album's photos from one of them. */
export interface View {
  /** Media URLs of the originals, in the album's order (one for a single photo). */
  urls: string[];
  index: number;
}

/**
 * The photo viewer over the whole window: Escape, a click or the close button closes it; in
 * an album the arrow keys and the side buttons step between its photos.
 */
export function Lightbox({ view, onClose }: { view: View; onClose: () => void }) {
  const count = view.urls.length;
  const [index, setIndex] = useState(Math.min(Math.max(view.index, 0), count - 1));
  const close = useRef<HTMLButtonElement>(null);
  const step = (d: number) => setIndex((i) => Math.min(count - 1, Math.max(0, i + d)));

  useEffect(() => {
    // Captured first, so Escape closes only the viewer (not a reply or menu under it).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
      else if (e.key === "ArrowLeft") step(-1);
      else if (e.key === "ArrowRight") step(1);
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onClose, count]);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);

  const button = (d: number) => (e: Event) => {
    e.stopPropagation();
    step(d);
  };
  return (
    <div class="lightbox" role="dialog" aria-modal="true" aria-label="Photo viewer" data-testid="lightbox" data-index={index} data-count={count} onClick={onClose}>
      <LightboxImage key={view.urls[index]} url={view.urls[index]!} />
      {count > 1 && (
        <>
          <span class="lightbox-count" data-testid="lightbox-count">
            {index + 1} / {count}
          </span>
          <button class="icon-btn lightbox-nav lightbox-prev" aria-label="Previous photo" aria-disabled={index === 0} data-testid="lightbox-prev" onClick={button(-1)}>
            <Icon name="back" size={28} />
          </button>
          <button class="icon-btn lightbox-nav lightbox-next" aria-label="Next photo" aria-disabled={index === count - 1} data-testid="lightbox-next" onClick={button(1)}>
            <Icon name="next" size={28} />
          </button>
        </>
      )}
      <button
        ref={close}
        class="icon-btn lightbox-close"
        aria-label="Close"
        data-testid="lightbox-close"
        onClick={(e) => {
          e.stopPropagation();
          onClose();
        }}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}

/** One original, fetched while it is shown (keyed by URL, so a step never shows the last one). */
function LightboxImage({ url }: { url: string }) {
  const { src, failed } = useObjectUrl(url);
  if (failed) return <div class="media-placeholder">Image unavailable</div>;
  if (!src) return <div class="lightbox-loading" aria-busy="true" />;
  return <img src={src} alt="" data-testid="lightbox-image" />;
}
