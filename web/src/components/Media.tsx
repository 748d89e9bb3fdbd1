import { useEffect, useState } from "preact/hooks";
import { session } from "../state/session.ts";
import { Icon } from "./Icon.tsx";

// Media needs the Bearer header, so it is fetched as a blob and shown through an object URL.
// An object URL pins its blob in memory until revoked, so each is counted by the components
// using it and released when the last one goes (leaving the chat frees its images).
const cache = new Map<string, { url: Promise<string>; users: number }>();

function acquire(url: string): Promise<string> {
  let held = cache.get(url);
  if (!held) {
    const p = session.api.blob(url).then((b) => URL.createObjectURL(b));
    p.catch(() => cache.delete(url));
    held = { url: p, users: 0 };
    cache.set(url, held);
  }
  held.users++;
  return held.url;
}

function release(url: string) {
  const held = cache.get(url);
  if (!held || --held.users > 0) return;
  cache.delete(url);
  held.url.then(URL.revokeObjectURL, () => {});
}

function useObjectUrl(url: string): { src: string | null; failed: boolean } {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    acquire(url).then(
      (u) => live && setSrc(u),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      release(url);
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
      const href = await acquire(url);
      const a = document.createElement("a");
      a.href = href;
      a.download = name;
      a.click();
      // The download has started from the URL; let it go after a while.
      setTimeout(() => release(url), 60_000);
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
