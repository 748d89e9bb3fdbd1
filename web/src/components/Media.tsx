import { useEffect, useState } from "preact/hooks";
import { session } from "../state/session.ts";
import { Icon } from "./Icon.tsx";

// Media needs the Bearer header, so it is fetched as a blob and shown through an object URL.
// One fetch per file for the life of the page.
const cache = new Map<string, Promise<string>>();

function objectUrl(url: string): Promise<string> {
  let p = cache.get(url);
  if (!p) {
    p = session.api.blob(url).then((b) => URL.createObjectURL(b));
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

function useObjectUrl(url: string): { src: string | null; failed: boolean } {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    objectUrl(url).then(
      (u) => live && setSrc(u),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return { src, failed };
}

export function MediaImage({ url, alt, onView, onLoad }: { url: string; alt: string; onView: (src: string) => void; onLoad: () => void }) {
  const { src, failed } = useObjectUrl(url);
  if (failed) return <div class="media-placeholder">Image unavailable</div>;
  if (!src) return <div class="media-placeholder loading" aria-busy="true" />;
  return <img class="media-img" src={src} alt={alt} data-testid="message-image" onLoad={onLoad} onClick={() => onView(src)} />;
}

export function MediaFile({ url, name, size }: { url: string; name: string; size: string }) {
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const href = await objectUrl(url);
      const a = document.createElement("a");
      a.href = href;
      a.download = name;
      a.click();
    } catch {
      session.notify("Could not download the file.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <button class="media-file" onClick={download} disabled={busy}>
      <Icon name="file" />
      <span>
        <strong>{name}</strong>
        <small>{busy ? "Downloading…" : size}</small>
      </span>
    </button>
  );
}
