/**
 * Checks on real PDF files with the poppler and qpdf command-line tools (installed by .ci/run).
 * A missing tool fails the calling test with the tool's name and its Debian package: a skip would
 * let CI stay green on a machine that never looked at a PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

/** The Debian package that ships each tool. */
const PACKAGE_OF = {
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  qpdf: 'qpdf',
} as const

export type PdfTool = keyof typeof PACKAGE_OF

function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** Throws, naming each missing tool and the apt package to install, unless all of them are on PATH. */
export function requireTools(...names: PdfTool[]): void {
  const missing = names.filter((t) => !hasTool(t))
  if (missing.length === 0) return
  const packages = [...new Set(missing.map((t) => PACKAGE_OF[t]))]
  throw new Error(
    `PDF check tool missing: ${missing.join(', ')} not found on PATH. Install it: apt-get install ${packages.join(' ')}`,
  )
}

function toFile(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'mr-pdf-'))
  const file = join(dir, 'doc.pdf')
  writeFileSync(file, pdf)
  return file
}

const FOOTER = /^第\s*\d+\s*页\s*共\s*\d+\s*页$/
const HEADER_CASE_NO = /^（\d{4}）\S+号$/

/**
 * All text of the PDF with page headers (the case number) and footers (第 x 页 共 y 页) dropped and
 * every whitespace removed, so a paragraph that wraps or crosses a page still matches.
 */
export function extractText(pdf: Uint8Array): string {
  requireTools('pdftotext')
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', toFile(pdf), '-'], { encoding: 'utf8' })
  return raw
    .split('\f')
    .map((pageText) => {
      const lines = pageText.split('\n').filter((l) => l.trim() !== '' && !FOOTER.test(l.trim()))
      if (lines[0] !== undefined && HEADER_CASE_NO.test(lines[0].trim())) lines.shift()
      return lines.join('')
    })
    .join('')
    .replace(/\s+/g, '')
}

export interface FontRow {
  name: string
  embedded: boolean
  subset: boolean
}

export function listFonts(pdf: Uint8Array): FontRow[] {
  requireTools('pdffonts')
  const out = execFileSync('pdffonts', [toFile(pdf)], { encoding: 'utf8' })
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/)
      // the last five columns are: emb sub uni object-number generation
      const [emb, sub] = cols.slice(-5)
      return { name: cols[0] ?? '', embedded: emb === 'yes', subset: sub === 'yes' }
    })
}

/** qpdf --check: exit code 0 means a structurally valid PDF. */
export function qpdfCheck(pdf: Uint8Array): { ok: boolean; output: string } {
  requireTools('qpdf')
  const r = spawnSync('qpdf', ['--check', toFile(pdf)], { encoding: 'utf8' })
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` }
}

export function pageCount(pdf: Uint8Array): number {
  requireTools('pdfinfo')
  const out = execFileSync('pdfinfo', [toFile(pdf)], { encoding: 'utf8' })
  return Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 0)
}

/** Renders the given page at 150 dpi and decodes the first QR code found on it. */
export function decodeQr(pdf: Uint8Array, pageNo: number): string | undefined {
  requireTools('pdftoppm')
  const file = toFile(pdf)
  const prefix = join(file, '..', 'page')
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(pageNo), '-l', String(pageNo), file, prefix])
  const pngFile = readdirSync(join(file, '..')).find((f) => f.startsWith('page') && f.endsWith('.png'))
  if (!pngFile) return undefined
  const png = PNG.sync.read(readFileSync(join(file, '..', pngFile)))
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)
    ?.data
}
