/**
 * Checks on real PDF files with the poppler and qpdf command-line tools (installed by .ci/run).
 * A missing tool makes the calling test skip with a clear message rather than pass silently.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0
}

export const MISSING_TOOLS = ['pdftotext', 'pdffonts', 'qpdf', 'pdftoppm'].filter((t) => !hasTool(t))
export const TOOLS_NOTE = MISSING_TOOLS.length
  ? `skipped: ${MISSING_TOOLS.join(', ')} not installed (apt-get install poppler-utils qpdf)`
  : ''

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
  const r = spawnSync('qpdf', ['--check', toFile(pdf)], { encoding: 'utf8' })
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` }
}

export function pageCount(pdf: Uint8Array): number {
  const out = execFileSync('pdfinfo', [toFile(pdf)], { encoding: 'utf8' })
  return Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 0)
}

/** Renders the given page at 150 dpi and decodes the first QR code found on it. */
export function decodeQr(pdf: Uint8Array, pageNo: number): string | undefined {
  const file = toFile(pdf)
  const prefix = join(file, '..', 'page')
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(pageNo), '-l', String(pageNo), file, prefix])
  const pngFile = readdirSync(join(file, '..')).find((f) => f.startsWith('page') && f.endsWith('.png'))
  if (!pngFile) return undefined
  const png = PNG.sync.read(readFileSync(join(file, '..', pngFile)))
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data
}
