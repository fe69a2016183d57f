/** Builds the bench page (tests/bench/page) into out/bench with Vite: the real data layer, no app UI. */
import { resolve } from 'node:path'
import { build } from 'vite'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')
export const BENCH_OUT = resolve(REPO_ROOT, 'out/bench')

export async function buildBenchPage(): Promise<string> {
  await build({
    configFile: false,
    root: resolve(import.meta.dirname, 'page'),
    base: './',
    logLevel: 'warn',
    build: { outDir: BENCH_OUT, emptyOutDir: true, chunkSizeWarningLimit: 8192, reportCompressedSize: false },
  })
  return BENCH_OUT
}
