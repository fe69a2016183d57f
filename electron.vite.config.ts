import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { pdfmakeFontHook } from './src/documents/node/pdfmake-font-hook'
import { firstScreenChunks } from './electron/build/firstScreenChunks'

const root = import.meta.dirname

/**
 * The entry (src/main.ts) is tiny and imports the app (src/boot.ts) dynamically, so that it can start
 * IndexedDB first. This lists the app's chunks as modulepreload links in index.html, and their styles: the
 * browser fetches and compiles them while it fetches the entry, not after the entry has run.
 */
function preloadAppChunks(appModule: string): Plugin {
  return {
    name: 'preload-app-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return []
        // the app's group chunk holds src/boot.ts among others (electron/build/firstScreenChunks.ts): not its facade
        const app = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds.includes(appModule))
        if (app?.type !== 'chunk') return []
        const files = new Set<string>()
        const visit = (fileName: string) => {
          const c = bundle[fileName]
          if (c?.type !== 'chunk' || files.has(fileName) || fileName === chunk.fileName) return
          files.add(fileName)
          c.imports.forEach(visit)
        }
        visit(app.fileName)
        // and their styles, which the app would otherwise fetch only once the entry has run
        const styles = [...files].flatMap((f) => {
          const c = bundle[f]
          return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : []
        })
        return [
          ...[...files].map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` },
            injectTo: 'head' as const,
          })),
          ...styles.map((f) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `./${f}` },
            injectTo: 'head' as const,
          })),
        ]
      },
    },
  }
}

// Few files before the first screen: the app's start-up code in one chunk, each first screen's in one or two
// (as src/main.ts, the router and AppShell load them; see electron/build/firstScreenChunks.ts).
const firstScreens = firstScreenChunks({
  app: resolve(root, 'src/boot.ts'),
  screens: {
    setup: { modules: [resolve(root, 'src/views/SetupView.vue')] },
    dashboard: {
      modules: [resolve(root, 'src/views/DashboardView.vue'), resolve(root, 'src/components/AppNavShell.vue')],
    },
    // an app lock on: the lock screen shows while 工作台 loads behind it (src/main.ts fetches it)
    lock: { modules: [resolve(root, 'src/components/lock/LockScreen.vue')], with: 'dashboard' },
  },
})

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundle zod & co. into the main process: the packaged app ships out/** only, no node_modules.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require('electron') and nothing else: every dependency is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src'),
    // Relative asset URLs: the same build is served from app://mediation-room/ and from http://localhost in tests.
    base: './',
    plugins: [vue(), preloadAppChunks(resolve(root, 'src/boot.ts')), firstScreens.plugin],
    // the PDF worker reuses parsed fonts through a hook in pdfmake's bundle (see pdfmake-font-hook.ts)
    worker: { format: 'es', plugins: () => [pdfmakeFontHook()] },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      // electron-vite ships the renderer unminified by default: V8 then reads, parses and (on a first start,
      // before its code cache exists) compiles twice the bytes before the first screen (issue #16's budget).
      // Names are kept: errors and Vue's component names read the same as in development.
      minify: 'oxc',
      rollupOptions: {
        input: { index: resolve(root, 'src/index.html') },
        // two outputs from one graph: the probe (rolldown's own chunks, not written), then the app
        output: [
          firstScreens.probeOutput,
          {
            minify: { compress: { keepNames: { function: true, class: true } }, mangle: { keepNames: true } },
            codeSplitting: { groups: firstScreens.groups },
          },
        ],
      },
    },
  },
})
