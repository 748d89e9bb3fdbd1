import { useEffect, useState } from "preact/hooks";
import { session } from "../state/session.ts";
import { duration } from "../albums.ts";
import { fileSize } from "../format.ts";
import type { Message } from "../types.ts";
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

/** `url` null: nothing is fetched (yet). */
export function useObjectUrl(url: string | null): { src: string | null; failed: boolean } {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (url === null) return;
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

/**
 * An image in the list: its thumbnail where it has one (`url`); a click opens the viewer on
 * the original (`fullUrl`, fetched by the viewer: see Lightbox.tsx).
 */
export function MediaImage({ url, fullUrl, alt, onView, onLoad }: { url: string; fullUrl?: string; alt: string; onView: (mediaUrl: string) => void; onLoad: () => void }) {
  const { src, failed } = useObjectUrl(url);
  if (failed) return <div class="media-placeholder">Image unavailable</div>;
  if (!src) return <div class="media-placeholder loading" aria-busy="true" />;
  return <img class="media-img" src={src} alt={alt} data-testid="message-image" data-full={fullUrl && fullUrl !== url ? "thumbnail" : "original"} onLoad={onLoad} onClick={() => onView(fullUrl ?? url)} />;
}

/** A sticker: no bubble around it, drawn at most 160 pixels a side. */
export function MediaSticker({ url, onLoad }: { url: string; onLoad: () => void }) {
  const { src, failed } = useObjectUrl(url);
  if (failed) return <div class="media-placeholder sticker">Sticker unavailable</div>;
  if (!src) return <div class="media-placeholder sticker loading" aria-busy="true" />;
  return <img class="media-sticker" src={src} alt="Sticker" data-testid="message-sticker" onLoad={onLoad} />;
}

/** An animation plays by itself, silent, in a loop: a GIF as an image, an MP4 as a muted video. */
export function MediaAnimation({ url, mime, onLoad }: { url: string; mime: string; onLoad: () => void }) {
  const { src, failed } = useObjectUrl(url);
  if (failed) return <div class="media-placeholder">Animation unavailable</div>;
  if (!src) return <div class="media-placeholder loading" aria-busy="true" />;
  if (mime === "image/gif") return <img class="media-img media-animation" src={src} alt="GIF" data-testid="message-animation" onLoad={onLoad} />;
  return <video class="media-img media-animation" src={src} autoplay muted loop playsInline data-testid="message-animation" onLoadedData={onLoad} />;
}

/** A video note: round, silent until tapped. */
export function MediaVideoNote({ url, duration, onLoad }: { url: string; duration?: string; onLoad: () => void }) {
  const { src, failed } = useObjectUrl(url);
  const [muted, setMuted] = useState(true);
  if (failed) return <div class="media-placeholder video-note">Video unavailable</div>;
  if (!src) return <div class="media-placeholder video-note loading" aria-busy="true" />;
  return (
    <div class="video-note" data-testid="message-video-note">
      <video src={src} autoplay muted={muted} loop playsInline onLoadedData={onLoad} onClick={() => setMuted(!muted)} />
      {duration && (
        <span class="media-duration" data-testid="media-duration">
          {duration}
        </span>
      )}
    </div>
  );
}

export function MediaFile({ url, name, size, duration }: { url: string; name: string; size: string; duration?: string }) {
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
        <small data-testid={duration ? "media-duration" : undefined}>{busy ? "Downloading…" : duration ? `${duration} · ${size}` : size}</small>
      </span>
    </button>
  );
}

/** A message's file, drawn as its kind is: the list shows a photo's thumbnail; `onView` gets its original's URL. */
export function MessageMedia({ media, onView, onLoad }: { media: NonNullable<Message["media"]>; onView: (mediaUrl: string) => void; onLoad: () => void }) {
  const length = media.duration ? duration(media.duration) : undefined;
  switch (media.kind) {
    case "image":
      return <MediaImage url={media.thumbnailUrl ?? media.url} fullUrl={media.url} alt={media.name} onView={onView} onLoad={onLoad} />;
    case "sticker":
      return <MediaSticker url={media.url} onLoad={onLoad} />;
    case "animation":
      return <MediaAnimation url={media.url} mime={media.mime} onLoad={onLoad} />;
    case "video_note":
      return <MediaVideoNote url={media.url} {...(length ? { duration: length } : {})} onLoad={onLoad} />;
    default:
      return <MediaFile url={media.url} name={media.name} size={fileSize(media.size)} {...(length ? { duration: length } : {})} />;
  }
}
