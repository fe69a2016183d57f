/**
 * Which characters a TrueType/OpenType font has, read straight from its `cmap` table. The PDF worker
 * needs only this from a font before rendering (which face draws which character); parsing it with
 * fontkit would load and initialise a second copy of fontkit (pdfmake bundles its own), ~0.3 s of start-up.
 */

/** Sorted, non-overlapping [first, last] code point ranges that map to a real glyph (not .notdef). */
export type CoverageRanges = Uint32Array

function findTable(view: DataView, tag: string): number | undefined {
  const count = view.getUint16(4)
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16
    const name = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    )
    if (name === tag) return view.getUint32(record + 8)
  }
  return undefined
}

/** Ranges of a format 12 subtable (full Unicode). */
function format12(view: DataView, at: number, out: number[]): void {
  const groups = view.getUint32(at + 12)
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + g * 12
    const first = view.getUint32(p)
    const last = view.getUint32(p + 4)
    const glyph = view.getUint32(p + 8)
    // a group starting at glyph 0 maps its first character to .notdef
    if (glyph === 0) {
      if (last > first) out.push(first + 1, last)
    } else out.push(first, last)
  }
}

/** Ranges of a format 4 subtable (the Basic Multilingual Plane), one character at a time. */
function format4(view: DataView, at: number, out: number[]): void {
  const segments = view.getUint16(at + 6) / 2
  const ends = at + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  for (let s = 0; s < segments; s++) {
    const first = view.getUint16(starts + s * 2)
    const last = view.getUint16(ends + s * 2)
    const delta = view.getUint16(deltas + s * 2)
    const rangeOffset = view.getUint16(rangeOffsets + s * 2)
    for (let cp = first; cp <= last && cp !== 0xffff; cp++) {
      let glyph: number
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff
      else {
        const raw = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (cp - first) * 2)
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff
      }
      if (glyph !== 0) out.push(cp, cp)
    }
  }
}

function merged(flat: number[]): CoverageRanges {
  const pairs: [number, number][] = []
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] ?? 0, flat[i + 1] ?? 0])
  pairs.sort((a, b) => a[0] - b[0])
  const out: number[] = []
  for (const [first, last] of pairs) {
    const n = out.length
    if (n > 0 && first <= (out[n - 1] ?? 0) + 1) out[n - 1] = Math.max(out[n - 1] ?? 0, last)
    else out.push(first, last)
  }
  return Uint32Array.from(out)
}

/** The covered ranges of a font file; throws when the file has no Unicode cmap this reader knows. */
export function readCoverage(font: Uint8Array): CoverageRanges {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength)
  const cmap = findTable(view, 'cmap')
  if (cmap === undefined) throw new Error('字体文件没有字符映射表（cmap）')
  const subtables = view.getUint16(cmap + 2)
  let best: { format: number; at: number } | undefined
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8
    const platform = view.getUint16(record)
    const encoding = view.getUint16(record + 2)
    const at = cmap + view.getUint32(record + 4)
    const format = view.getUint16(at)
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))
    if (!unicode || (format !== 4 && format !== 12)) continue
    if (!best || (format === 12 && best.format !== 12)) best = { format, at }
  }
  if (!best) throw new Error('字体文件没有可用的 Unicode 字符映射表')
  const flat: number[] = []
  if (best.format === 12) format12(view, best.at, flat)
  else format4(view, best.at, flat)
  return merged(flat)
}

/** Binary search over the ranges. */
export function covers(ranges: CoverageRanges, codePoint: number): boolean {
  let lo = 0
  let hi = ranges.length / 2 - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const first = ranges[mid * 2] ?? 0
    const last = ranges[mid * 2 + 1] ?? 0
    if (codePoint < first) hi = mid - 1
    else if (codePoint > last) lo = mid + 1
    else return true
  }
  return false
}
