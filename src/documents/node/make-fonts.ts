/**
 * Makes the document fonts under resources/fonts from the Noto Serif SC and JP packages, and their
 * manifest (resources/fonts/manifest.json: each face's files and the code points it draws).
 * - `common`: the characters nearly every document uses (GB 2312, Latin, punctuation), ~3 MB per weight
 *   instead of 15 MB, always loaded;
 * - `sc-NN`: every other character of Noto Serif SC, in slices of CHUNK code points, ~0.4 MB per weight;
 * - `jp-NN`: characters only Noto Serif JP has (Ext-B names such as 𠮷), one weight.
 * A document loads only the slices its rare characters are in (../font-loading.ts), so the PDF worker
 * fetches and parses a few MB instead of 37 MB. Reproducible: the same font packages and harfbuzz
 * (subset-font) give the same bytes.
 *
 *   npx tsx src/documents/node/make-fonts.ts
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import subsetFont from 'subset-font'
import { readCoverage, type CoverageRanges } from '../cmap'
import type { FaceSpec, FontManifest } from '../fonts'

const require = createRequire(import.meta.url)

/** Where the full fonts the faces are cut from come from (npm packages, OFL-licensed). */
const FONT_SOURCES = {
  mainRegular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  mainBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  fallbackRegular: '@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf',
} as const
const FONTS_DIR = resolve(import.meta.dirname, '../../../resources/fonts')
/**
 * Tables a PDF's horizontal text does not use: OpenType layout (shaping Chinese needs none, and parsing
 * it was most of pdfkit's time per font), vertical metrics, baselines, variation names. Hinting goes too:
 * it only matters for screen rasterising at small sizes, and it is a fifth of the bytes.
 */
const DROPPED_TABLES = ['GSUB', 'GPOS', 'BASE', 'vhea', 'vmtx', 'STAT']
/** Code points per rare slice: a rare name character costs one slice (~0.4 MB per weight). */
const CHUNK = 1000

/** Every character of GB 2312 (rows 0xA1–0xF7: symbols, kana, Greek, Cyrillic, pinyin and 6,763 hanzi). */
export function gb2312Characters(): number[] {
  const decoder = new TextDecoder('gbk', { fatal: false })
  const out: number[] = []
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const chars = [...decoder.decode(new Uint8Array([hi, lo]))]
      const cp = chars[0]?.codePointAt(0)
      if (chars.length === 1 && cp !== undefined && cp !== 0xfffd) out.push(cp)
    }
  }
  return out
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** Latin, punctuation and symbols a document may print, plus GB 2312. */
function commonCodePoints(): Set<number> {
  return new Set([
    ...range(0x20, 0x7e),
    ...range(0xa0, 0xff),
    ...range(0x2000, 0x206f), // general punctuation: — ‘ ’ “ ” … ‰
    ...range(0x2100, 0x218f), // letterlike symbols, Roman numerals
    ...range(0x2460, 0x24ff), // ① ② …
    ...range(0x25a0, 0x25ff), // □ ■ ○ ●
    ...range(0x3000, 0x303f), // 、。〈〉《》「」【】〔〕
    ...range(0xff00, 0xffef), // fullwidth forms: （）：；，
    ...gb2312Characters(),
  ])
}

function codePoints(ranges: CoverageRanges): number[] {
  const out: number[] = []
  for (let i = 0; i < ranges.length; i += 2) out.push(...range(ranges[i] ?? 0, ranges[i + 1] ?? -1))
  return out
}

function slices(cps: number[]): number[][] {
  return Array.from({ length: Math.ceil(cps.length / CHUNK) }, (_, i) => cps.slice(i * CHUNK, (i + 1) * CHUNK))
}

const text = (cps: number[]): string => String.fromCodePoint(...cps)

async function writeSubset(source: Buffer, cps: number[], file: string): Promise<void> {
  const subset = await subsetFont(source, text(cps), {
    targetFormat: 'truetype',
    noLayoutClosure: true,
    noHinting: true,
    dropTables: DROPPED_TABLES,
  })
  writeFileSync(resolve(FONTS_DIR, file), subset)
}

/** Sorted code points as flat [first, last] pairs. */
function toRanges(sorted: number[]): number[] {
  const out: number[] = []
  for (const cp of sorted) {
    if (out.length > 0 && out[out.length - 1] === cp - 1) out[out.length - 1] = cp
    else out.push(cp, cp)
  }
  return out
}

async function main(): Promise<void> {
  const read = (source: string): Buffer => readFileSync(require.resolve(source))
  const scRegular = read(FONT_SOURCES.mainRegular)
  const scBold = read(FONT_SOURCES.mainBold)
  const jp = read(FONT_SOURCES.fallbackRegular)
  const sc = new Set(codePoints(readCoverage(scRegular)))
  const common = [...commonCodePoints()].filter((cp) => sc.has(cp)).sort((a, b) => a - b)
  const commonSet = new Set(common)
  const rare = [...sc].filter((cp) => !commonSet.has(cp)).sort((a, b) => a - b)
  const jpOnly = codePoints(readCoverage(jp)).filter((cp) => !sc.has(cp))

  for (const f of readdirSync(FONTS_DIR)) if (f.endsWith('.ttf')) rmSync(resolve(FONTS_DIR, f))
  const faces: FaceSpec[] = []
  async function face(
    id: string,
    family: string,
    cps: number[],
    regular: Buffer,
    bold: Buffer | undefined,
    name: string,
  ): Promise<void> {
    const files = { regular: `${name}-Regular.ttf`, bold: bold ? `${name}-Bold.ttf` : `${name}-Regular.ttf` }
    await writeSubset(regular, cps, files.regular)
    if (bold) await writeSubset(bold, cps, files.bold)
    // the slice, not the file's cmap: harfbuzz keeps a few extra characters that share a glyph
    faces.push({ id, family, files, ranges: toRanges(cps) })
    console.error(`${id}: ${cps.length} characters`)
  }
  await face('common', 'NotoSerifSC', common, scRegular, scBold, 'NotoSerifSC-Common')
  for (const [i, cps] of slices(rare).entries()) {
    const n = String(i + 1).padStart(2, '0')
    await face(`sc-${n}`, `NotoSerifSC-${n}`, cps, scRegular, scBold, `NotoSerifSC-Rare${n}`)
  }
  for (const [i, cps] of slices(jpOnly).entries()) {
    const n = String(i + 1).padStart(2, '0')
    await face(`jp-${n}`, `NotoSerifJP-${n}`, cps, jp, undefined, `NotoSerifJP-Rare${n}`)
  }
  const manifest: FontManifest = { generator: 'src/documents/node/make-fonts.ts', faces }
  writeFileSync(resolve(FONTS_DIR, 'manifest.json'), `${JSON.stringify(manifest)}\n`)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main()
