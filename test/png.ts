// Real PNG files for the tests, built in plain TypeScript (no Node modules), so the workerd
// suite, the browser tests and the e2e tests can all import it.

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Writes bits least significant first, as DEFLATE packs them. */
class Bits {
  out: number[] = [];
  private acc = 0;
  private n = 0;
  put(value: number, count: number) {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >>> i) & 1) << this.n;
      if (++this.n === 8) {
        this.out.push(this.acc);
        this.acc = 0;
        this.n = 0;
      }
    }
  }
  /** A Huffman code, most significant bit first. */
  code(value: number, length: number) {
    for (let i = length - 1; i >= 0; i--) this.put((value >>> i) & 1, 1);
  }
  end(): number[] {
    if (this.n) this.out.push(this.acc);
    return this.out;
  }
}

/** A literal byte in DEFLATE's fixed Huffman code. */
function literal(bits: Bits, byte: number) {
  if (byte < 144) bits.code(0x30 + byte, 8);
  else bits.code(0x190 + byte - 144, 9);
}

/**
 * zlib data for `rows` (filter byte first) in one fixed-Huffman block: each row's bytes from
 * the fifth on repeat the three before (a pixel the same as the one to its left), so they go
 * as copies 3 back, 258 at a time.
 */
function deflateRows(rows: Uint8Array[]): Uint8Array {
  const bits = new Bits();
  bits.put(1, 1); // the last block
  bits.put(1, 2); // fixed Huffman codes
  for (const row of rows) {
    let i = 0;
    const repeats = (at: number) => at >= 4 && row[at] === row[at - 3];
    while (i < row.length) {
      let run = 0;
      while (repeats(i + run) && i + run < row.length && run < 258) run++;
      if (run === 258) {
        bits.code(0xc5, 8); // length code 285: 258
        bits.code(2, 5); // distance code 2: 3
        i += run;
      } else {
        literal(bits, row[i]!);
        i++;
      }
    }
  }
  bits.code(0, 7); // end of block
  const raw = new Uint8Array(rows.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of rows) {
    raw.set(r, at);
    at += r.length;
  }
  const sum = adler32(raw);
  return Uint8Array.from([0x78, 0x01, ...bits.end(), sum >>> 24, (sum >>> 16) & 0xff, (sum >>> 8) & 0xff, sum & 0xff]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) body[i] = type.charCodeAt(i);
  body.set(data, 4);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(8 + data.length, crc32(body));
  return out;
}

/**
 * A real PNG of `width` x `height` pixels (8-bit RGB): a gradient down the rows, each row one
 * colour, distinct per `seed`. Sizes are read from its header; decoders (the server's
 * thumbnailer, Chromium) draw it.
 */
export function png(width: number, height: number, seed = 0): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) => {
    const row = new Uint8Array(1 + width * 3);
    const colour = [(y * 255) / Math.max(1, height - 1), 90 + ((seed * 53) % 160), 210 - ((seed * 31) % 120)].map(Math.round);
    for (let x = 0; x < width; x++) row.set(colour, 1 + x * 3);
    return row;
  });
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateRows(rows)), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
