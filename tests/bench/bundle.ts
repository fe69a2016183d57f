/** Builds the bench page (tests/bench/page) with Vite: the real data layer, no app UI. */
import { resolve } from 'node:path'
import { build } from 'vite'
import { pdfmakeFontHook } from '../../src/documents/node/pdfmake-font-hook'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')

/** Builds into `outDir` (a folder of this run's own, so that two runs never empty each other's). */
export async function buildBenchPage(outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: resolve(import.meta.dirname, 'page'),
    base: './',
    logLevel: 'warn',
    // the app's PDF worker, built as the app builds it (the 统计 PDF figure)
    worker: { format: 'es', plugins: () => [pdfmakeFontHook()] },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8192, reportCompressedSize: false },
  })
  return outDir
}
