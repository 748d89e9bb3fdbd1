// Whether a file's first bytes agree with its declared type. A client or bot names the type;
// what others' apps do with the file (show it as an image, play it) follows that name, so a
// file whose content says otherwise is refused. Types with no signature (text, CSV, JSON,
// octet-stream) are not checked. Pure.

/** How many leading bytes `contentMatches` needs. */
export const SNIFF_BYTES = 16;

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

function at(head: Uint8Array, offset: number, bytes: number[]): boolean {
  return head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);
}

const jpeg = (h: Uint8Array) => at(h, 0, [0xff, 0xd8, 0xff]);
const png = (h: Uint8Array) => at(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const gif = (h: Uint8Array) => at(h, 0, ascii("GIF87a")) || at(h, 0, ascii("GIF89a"));
const riff = (form: string) => (h: Uint8Array) => at(h, 0, ascii("RIFF")) && at(h, 8, ascii(form));
const ogg = (h: Uint8Array) => at(h, 0, ascii("OggS"));
// An ID3 tag, or an MPEG audio frame's sync word (11 set bits).
const mp3 = (h: Uint8Array) => at(h, 0, ascii("ID3")) || (h.length >= 2 && h[0] === 0xff && (h[1]! & 0xe0) === 0xe0);
// ISO base media (MP4, M4A, MOV): a box whose type is ftyp; older QuickTime files open with
// another top-level box.
const isoMedia = (h: Uint8Array) => ["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"].some((box) => at(h, 4, ascii(box)));
const ebml = (h: Uint8Array) => at(h, 0, [0x1a, 0x45, 0xdf, 0xa3]); // WebM, Matroska
const pdf = (h: Uint8Array) => at(h, 0, ascii("%PDF-"));
// Local file header, empty archive, spanned archive. Office's docx and xlsx are ZIP files.
const zip = (h: Uint8Array) => at(h, 0, [0x50, 0x4b, 0x03, 0x04]) || at(h, 0, [0x50, 0x4b, 0x05, 0x06]) || at(h, 0, [0x50, 0x4b, 0x07, 0x08]);
const ole = (h: Uint8Array) => at(h, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // legacy .doc

const signatures: Record<string, (head: Uint8Array) => boolean> = {
  "image/jpeg": jpeg,
  "image/png": png,
  "image/gif": gif,
  "image/webp": riff("WEBP"),
  "audio/ogg": ogg,
  "audio/mpeg": mp3,
  "audio/mp4": isoMedia,
  "audio/webm": ebml,
  "audio/wav": riff("WAVE"),
  "video/mp4": isoMedia,
  "video/quicktime": isoMedia,
  "video/webm": ebml,
  "application/pdf": pdf,
  "application/zip": zip,
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": zip,
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": zip,
  "application/msword": ole,
};

/** `head` is the file's first bytes (at least SNIFF_BYTES of them, or the whole file). */
export function contentMatches(mime: string, head: Uint8Array): boolean {
  const check = signatures[mime.split(";")[0]!.trim().toLowerCase()];
  return check ? check(head) : true;
}
