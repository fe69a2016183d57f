/**
 * PouchDB Server run inside this process, which ends with the test process that started it: the parent
 * holds this process's stdin, and stdin ends when the parent goes, even when it is killed. So a crashed
 * test run leaves no server behind. Arguments are pouchdb-server's own.
 */
import { createRequire } from 'node:module'

process.stdin.on('end', () => process.exit(0))
process.stdin.resume()

const require = createRequire(import.meta.url)
const bin = require.resolve('pouchdb-server/bin/pouchdb-server')
process.argv = [process.argv[0], bin, ...process.argv.slice(2)]
require(bin)
