import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { pdfmakeFontHook } from './src/documents/node/pdfmake-font-hook'

const root = import.meta.dirname

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
    plugins: [vue()],
    // the PDF worker reuses parsed fonts through a hook in pdfmake's bundle (see pdfmake-font-hook.ts)
    worker: { format: 'es', plugins: () => [pdfmakeFontHook()] },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: { index: resolve(root, 'src/index.html') } },
    },
  },
})
