// Serves the built renderer on loopback for the e2e specs and `npm run preview`. Usage: node serve.mjs <dir> <port>
import { resolve } from 'node:path'
import { startServer } from './staticServer.mjs'

await startServer({ '/': resolve(process.argv[2] ?? 'out/renderer') }, Number(process.argv[3] ?? 4173))
