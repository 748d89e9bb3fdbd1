// Turns decoded pixels upright by their EXIF orientation (2-8), as browsers show the original;
// a thumbnail cut from the stored pixels would otherwise lie on its side. Pure.

export interface Pixels {
  /** RGBA, row by row. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** The pixels as the orientation says they are shown; any other value leaves them as they are. */
export function orient(p: Pixels, orientation: number): Pixels {
  if (orientation < 2 || orientation > 8) return p;
  const { width: w, height: h, data } = p;
  const turned = orientation >= 5;
  const ow = turned ? h : w;
  const oh = turned ? w : h;
  // For each shown pixel (x, y), the stored pixel it comes from.
  const source: (x: number, y: number) => [number, number] = {
    2: (x: number, y: number): [number, number] => [w - 1 - x, y],
    3: (x: number, y: number): [number, number] => [w - 1 - x, h - 1 - y],
    4: (x: number, y: number): [number, number] => [x, h - 1 - y],
    5: (x: number, y: number): [number, number] => [y, x],
    6: (x: number, y: number): [number, number] => [y, h - 1 - x],
    7: (x: number, y: number): [number, number] => [w - 1 - y, h - 1 - x],
    8: (x: number, y: number): [number, number] => [w - 1 - y, x],
  }[orientation]!;
  const out = new Uint8Array(ow * oh * 4);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const [sx, sy] = source(x, y);
      out.set(data.subarray((sy * w + sx) * 4, (sy * w + sx) * 4 + 4), (y * ow + x) * 4);
    }
  }
  return { data: out, width: ow, height: oh };
}
