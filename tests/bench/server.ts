/**
 * The bench's loopback static server: the built app at / and the bench page at /__bench/, on one
 * origin so that both see the same IndexedDB (the shell can be timed over the 100,000 loaded cases).
 * `port` is fixed by default in run.ts: IndexedDB belongs to the origin, port included, so a kept
 * profile needs the same one. The server itself is the e2e one, in plain JavaScript.
 */
export { resolveFile, startServer, type StaticServer as BenchServer } from '../e2e/staticServer.mjs'
