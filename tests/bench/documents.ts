/**
 * Document figures for `npm run bench` (and alone: `npx tsx tests/bench/documents.ts`):
 * a typical two-page agreement warm (median of 5 after warm-up) and cold (a new process, fonts loaded
 * from disk), its size, a ~20-page case file with two scanned pages, and the same agreement printed by
 * Chromium's page.pdf() from equivalent HTML, measured in the same run, with the speed ratio; and the
 * same agreement made by the app's own PDF worker in Chromium (./documents-worker): warm, cold, and the
 * first document after the preload that opening a case starts. Where LibreOffice is installed (with
 * Debian's python3-uno), the same HTML converted by a warm LibreOffice through UNO is a second floor (issue 16:
 * the app's worker ≥ 2× LibreOffice and ≥ 5× Chromium).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from '@playwright/test'
import QRCode from 'qrcode'
import { createNodeSigner } from '../../electron/main/signing'
import { buildDocument } from '../../src/documents/builders/index'
import { describeParty, orderedParties } from '../../src/documents/format'
import { loadNodeFonts } from '../../src/documents/node/fonts'
import { renderPdf } from '../../src/documents/render'
import { finaliseAgreement } from '../../src/documents/verify'
import { encodeVerificationPayload } from '../../src/domain/canonical'
import { numberedClauses } from '../../src/domain/clauses'
import type { CaseBundle } from '../../src/domain/types'
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium'
import { scanPng } from '../fixtures/cases/images'
import { typicalAgreementBundle } from '../fixtures/cases/typical-agreement'
import { measureWorker } from './documents-worker/measure'
import { libreOfficeMissing, startLibreOffice } from './libreoffice/printer'

interface Figure {
  name: string
  value: number
  unit: string
  target?: string
  [extra: string]: unknown
}

const RUNS = 5
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const round = (x: number): number => Math.round(x * 10) / 10

export async function finalisedTypical(): Promise<CaseBundle> {
  const bundle = typicalAgreementBundle()
  const draft = bundle.agreements[0]
  if (!draft) throw new Error('typical fixture has no agreement')
  const signer = createNodeSigner(mkdtempSync(join(tmpdir(), 'mr-bench-key-')))
  bundle.agreements[0] = await finaliseAgreement(
    draft,
    bundle.parties,
    { caseNo: bundle.case.caseNo ?? '', committeeName: bundle.committee.fullName },
    signer,
    '2026-11-20T08:30:00.000Z',
  )
  return bundle
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

function pageCount(pdf: Uint8Array): number {
  const file = join(mkdtempSync(join(tmpdir(), 'mr-bench-')), 'x.pdf')
  writeFileSync(file, pdf)
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? Number.NaN)
}

/** Run in a child process: load fonts from disk and render one agreement, print the time. */
async function coldChild(): Promise<void> {
  const bundle = await finalisedTypical()
  const t = performance.now()
  const dd = buildDocument('agreement', bundle)
  // the faces this document needs, as the worker loads them
  await renderPdf(dd, await loadNodeFonts(dd))
  process.stdout.write(JSON.stringify({ ms: performance.now() - t }))
}

function coldRuns(): number[] {
  const self = fileURLToPath(import.meta.url)
  const runs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self], {
      env: { ...process.env, MR_BENCH_DOCUMENTS_COLD_CHILD: '1' },
      encoding: 'utf8',
    })
    if (r.status !== 0) throw new Error(`cold child failed: ${r.stderr}`)
    runs.push((JSON.parse(r.stdout) as { ms: number }).ms)
  }
  return runs
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The same agreement as HTML for Chromium: same text, seal image, QR image, A4 with the same margins. */
export async function agreementHtml(bundle: CaseBundle): Promise<string> {
  const a = bundle.agreements[0]
  if (!a) throw new Error('no agreement')
  const qr = await QRCode.toDataURL(
    encodeVerificationPayload({
      v: 1,
      caseNo: bundle.case.caseNo ?? '',
      sha256: a.contentHash ?? '',
      sig: a.signature ?? '',
      keyId: a.keyId ?? '',
    }),
  )
  const p = (t: string): string => `<p>${esc(t)}</p>`
  const rows = orderedParties(bundle)
    .map((x) => `<tr><td>${esc(x.role)}：${esc(x.name)}</td><td></td><td></td></tr>`)
    .join('')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 20mm 22mm 20mm 24mm }
    body { font-family: 'Noto Serif CJK SC', 'Noto Serif SC', serif; font-size: 14pt; line-height: 1.3 }
    h1 { text-align: center; font-size: 22pt } h2 { font-size: 14pt; margin: 6pt 0 2pt }
    p { text-indent: 2em; margin: 0 0 4pt } table { width: 100%; border-collapse: collapse }
    td, th { border: 1px solid #000; height: 32pt; font-size: 13pt } .seal { position: relative; text-align: right }
    .seal img { position: absolute; right: 40pt; top: -40pt; width: 118pt; opacity: .9 }
  </style></head><body>
    <h1>人民调解协议书</h1><div style="text-align:right">编号：${esc(bundle.case.caseNo ?? '')}</div>
    <h2>当事人</h2>${orderedParties(bundle)
      .map((x) => `<div><b>${esc(x.role)}：</b>${esc(describeParty(x))}</div>`)
      .join('')}
    <h2>纠纷主要事实、争议事项</h2>${p(a.facts)}<div><b>争议事项：</b>${esc(a.disputes)}</div>
    <h2>经调解，自愿达成如下协议：</h2>${numberedClauses(a.clauses, bundle.parties).map(p).join('')}
    <h2>履行方式、时限</h2>${p(a.performanceTerms)}${p(`本协议一式${a.copies}份，当事人、人民调解委员会各持一份。`)}
    <table><tr><th>签署人</th><th>签名（盖章）</th><th>按指印</th></tr>${rows}</table>
    <div class="seal"><p>${esc(bundle.committee.fullName)}（印章）</p><p>2026年11月20日</p><img src="${bundle.committee.sealImage ?? ''}"></div>
    <div><img src="${qr}" width="96"> 核验码：${esc(a.verifyCode ?? '')}</div>
  </body></html>`
}

/** Chromium with the equivalent HTML loaded, ready to print (warmed by two prints). */
async function chromiumPrinter(
  bundle: CaseBundle,
): Promise<{ print: () => Promise<unknown>; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--headless', ...CHROMIUM_ARGS],
    headless: true,
  })
  const page = await browser.newPage()
  await page.setContent(await agreementHtml(bundle), { waitUntil: 'load' })
  const print = (): Promise<unknown> => page.pdf({ format: 'A4', printBackground: true })
  for (let i = 0; i < 2; i++) await print()
  return { print, close: () => browser.close() }
}

export async function runDocumentFigures(): Promise<Figure[]> {
  const bundle = await finalisedTypical()
  const fonts = await loadNodeFonts()
  const agreement = (): Promise<Uint8Array> => renderPdf(buildDocument('agreement', bundle), fonts)
  // warm-up: the first renders pay for JIT compilation and the fonts' lazily parsed tables
  for (let i = 0; i < 8; i++) await agreement()
  // ours, Chromium's and LibreOffice's alternate, so all see the same machine load; again beside the worker's
  const printer = await chromiumPrinter(bundle)
  const loMissing = libreOfficeMissing()
  if (loMissing) console.error(`[bench] documents: LibreOffice not measured (${loMissing})`)
  const office = loMissing ? undefined : await startLibreOffice(await agreementHtml(bundle))
  const warm: number[] = []
  const chrome: number[] = []
  const libre: number[] = []
  const besideWorker = { chrome: [] as number[], libre: [] as number[] }
  let pdf: Uint8Array
  let cold: number[]
  let worker: Awaited<ReturnType<typeof measureWorker>>
  try {
    for (let i = 0; i < RUNS; i++) {
      warm.push(await timeIt(agreement))
      chrome.push(await timeIt(printer.print))
      if (office) libre.push(await timeIt(office.print))
    }
    pdf = await agreement()
    cold = coldRuns()
    worker = await measureWorker(bundle, RUNS, async () => {
      besideWorker.chrome.push(await timeIt(printer.print))
      if (office) besideWorker.libre.push(await timeIt(office.print))
    })
  } finally {
    await printer.close()
    await office?.close()
  }

  const withScans = typicalAgreementBundle()
  withScans.sessions = [
    ...withScans.sessions,
    ...withScans.sessions.map((s) => ({
      ...s,
      id: `${s.id}-b`,
      startedAt: `${s.startedAt.slice(0, 8)}19T06:00:00.000Z`,
    })),
  ]
  withScans.attachments = [1, 2].map((n, i) => {
    const dataBase64 = scanPng(n, 1240, 1754).split(',')[1] ?? ''
    const base = withScans.attachments[i] ?? withScans.attachments[0]
    if (!base) throw new Error('fixture has no attachment')
    return { ...base, id: `scan-${n}`, dataBase64, size: Math.floor((dataBase64.length * 3) / 4) }
  })
  const casefile = (): Promise<Uint8Array> => renderPdf(buildDocument('casefile', withScans), fonts)
  await casefile()
  const caseRuns: number[] = []
  for (let i = 0; i < RUNS; i++) caseRuns.push(await timeIt(casefile))
  const casePdf = await casefile()

  const ours = median(warm)
  // these machines are shared: the load average per core says how far absolute figures are inflated
  const loadPerCore = round(loadavg()[0] / Math.max(1, cpus().length))
  const figures: Figure[] = [
    {
      name: 'documents.agreement.warm',
      value: round(ours),
      unit: 'ms',
      target: '< 100',
      pages: pageCount(pdf),
      runs: warm.map(round),
      parsedFontCache: fonts.parsedFontCache,
    },
    {
      name: 'documents.agreement.cold',
      value: round(median(cold)),
      unit: 'ms',
      target: '< 600',
      note: 'new process: font files read and parsed, pdfmake loaded, first render',
      runs: cold.map(round),
    },
    {
      name: 'documents.agreement.worker.warm',
      value: round(median(worker.warm)),
      unit: 'ms',
      target: '< 100',
      note: "the app's PDF worker in Chromium, call to bytes on the UI thread",
      runs: worker.warm.map(round),
    },
    {
      name: 'documents.agreement.worker.cold',
      value: round(median(worker.cold)),
      unit: 'ms',
      target: '< 600',
      note: "fresh page and worker: worker started, fonts fetched and parsed, first render; under Playwright, whose DevTools client makes V8 re-parse pdfmake for each exception thrown while it loads: the app's own figure is worker.cold.without-devtools",
      runs: worker.cold.map(round),
    },
    {
      name: 'documents.agreement.worker.cold.without-devtools',
      value: round(median(worker.coldWithoutDevtools)),
      unit: 'ms',
      target: '< 600',
      note: "the same cold agreement in a Chromium with no DevTools client attached, as in the app (Playwright's attachment makes the worker start ~0.15–0.2 s slower)",
      runs: worker.coldWithoutDevtools.map(round),
    },
    {
      name: 'documents.agreement.worker.case-open-preload',
      value: round(median(worker.coldPreload)),
      unit: 'ms',
      note: "fresh worker: fonts for the case's names, a warm-up page and the case's agreement, as opening a case does",
      runs: worker.coldPreload.map(round),
    },
    {
      name: 'documents.agreement.worker.first-after-preload',
      value: round(median(worker.coldFirstRender)),
      unit: 'ms',
      target: '< 100',
      note: 'the first 预览 after the case opened (the preload warmed up on this agreement, as the documents store does)',
      runs: worker.coldFirstRender.map(round),
    },
    {
      name: 'documents.agreement.worker.first-after-idle-warm-up',
      value: round(median(worker.idleFirstRender)),
      unit: 'ms',
      target: '< 600',
      note: "the first 预览 of a session: the app warmed its worker up when idle after start-up (no case text, idleWarmUp.ts); this case's rarer characters load now",
      runs: worker.idleFirstRender.map(round),
    },
    { name: 'documents.agreement.worker.size', value: round(worker.bytes / 1024), unit: 'KB', target: '< 150' },
    {
      name: 'documents.agreement.worker.distinct-pdfs',
      value: worker.distinctPdfs,
      unit: 'count',
      target: '<= 1',
      note: 'SHA-256 of every agreement the worker made in this run (fixed creation date, PNG signatures and seal)',
    },
    { name: 'documents.agreement.size', value: round(pdf.byteLength / 1024), unit: 'KB', target: '< 150' },
    {
      name: 'documents.casefile.render',
      value: round(median(caseRuns)),
      unit: 'ms',
      target: '< 1500',
      pages: pageCount(casePdf),
      scans: 2,
      sizeKB: round(casePdf.byteLength / 1024),
      runs: caseRuns.map(round),
    },
    {
      name: 'documents.chromium-agreement.warm',
      value: round(median(chrome)),
      unit: 'ms',
      note: 'page.pdf() of equivalent HTML, Debian Chromium',
      runs: chrome.map(round),
    },
    {
      name: 'documents.speedup-vs-chromium',
      value: round(median(chrome) / ours),
      unit: 'x',
      target: '>= 5',
      note: "Chromium's time over the app's PDF code (Node), run by run in turn",
    },
    {
      name: 'documents.worker.speedup-vs-chromium',
      value: round(median(besideWorker.chrome) / median(worker.warm)),
      unit: 'x',
      target: '>= 5',
      note: "Chromium's time over the app's worker (warm), run by run in turn",
      runs: besideWorker.chrome.map(round),
    },
    ...(libre.length
      ? [
          {
            name: 'documents.libreoffice-agreement.warm',
            value: round(median(libre)),
            unit: 'ms',
            note: 'the same HTML opened in LibreOffice Writer and exported as PDF through UNO (soffice already running)',
            runs: libre.map(round),
          },
          {
            name: 'documents.speedup-vs-libreoffice',
            value: round(median(libre) / ours),
            unit: 'x',
            target: '>= 2',
            note: "LibreOffice's time over the app's PDF code (Node), run by run in turn",
          },
          {
            name: 'documents.worker.speedup-vs-libreoffice',
            value: round(median(besideWorker.libre) / median(worker.warm)),
            unit: 'x',
            target: '>= 2',
            note: "LibreOffice's time over the app's worker (warm), run by run in turn",
            runs: besideWorker.libre.map(round),
          },
        ]
      : []),
  ]
  return figures.map((f) => ({ ...f, loadPerCore }))
}

if (process.env.MR_BENCH_DOCUMENTS_COLD_CHILD === '1') {
  await coldChild()
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await runDocumentFigures()) console.log(JSON.stringify(f))
}
