/**
 * A real CouchDB-protocol server for tests: PouchDB Server (npm `pouchdb-server`, a dev dependency) in
 * memory on 127.0.0.1, on a free port, with a server admin, stopped by its PID. Nothing is written to the
 * checkout: the server's config and log go to a temporary folder.
 *
 * A missing or broken pouchdb-server is an error, never a skipped test: `npm ci` installs it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RemoteDb } from '../../src/db/sync/couchHttp'
import { committeeDbName, committeeRole, committeeSecurity, validationDesignDoc } from '../../src/domain/syncServer'

export interface Credentials {
  name: string
  password: string
}

export interface LoopbackServer {
  /** 'http://127.0.0.1:<port>' (no trailing slash) */
  url: string
  pid: number
  admin: Credentials
  /** a request as `who` (undefined: anonymous); the body is sent as JSON */
  request(method: string, path: string, opts?: { as?: Credentials; body?: unknown }): Promise<Answer>
  stop(): Promise<void>
}

export interface Answer {
  status: number
  body: unknown
}

const READY_WITHIN_MS = 30_000
const STOP_WITHIN_MS = 5_000

/** Fails at once, naming the package, when pouchdb-server is not installed (`npm ci` installs it). */
function serverProcess(): string {
  createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server')
  return fileURLToPath(new URL('./serverProcess.mjs', import.meta.url))
}

/** A port the system has just handed out and released (the server binds it next; a lost race retries). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export function basicAuth(who: Credentials): string {
  return `Basic ${Buffer.from(`${who.name}:${who.password}`).toString('base64')}`
}

async function send(
  url: string,
  method: string,
  path: string,
  opts: { as?: Credentials; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (opts.as) headers.Authorization = basicAuth(opts.as)
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

/** Resolves when the process exits (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * Polls the root URL until the server answers; rejects as soon as the process exits (a port taken in
 * between, a broken install) with its output.
 */
async function whenReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  let gone = false
  const exit = exited(child).then(() => {
    gone = true
  })
  const deadline = Date.now() + READY_WITHIN_MS
  while (!gone) {
    try {
      const res = await fetch(url + '/')
      if (res.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`pouchdb-server did not answer within ${READY_WITHIN_MS} ms:\n${output()}`)
    await Promise.race([exit, new Promise((r) => setTimeout(r, 50))])
  }
  throw new Error(`pouchdb-server exited before answering:\n${output()}`)
}

async function launch(dir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const args = [serverProcess(), '--in-memory', '--host', '127.0.0.1', '--port', String(port)]
  args.push('--config', join(dir, 'config.json'), '--no-color', '--no-stdout-logs')
  // stdin stays open: the server ends when this process does (serverProcess.mjs)
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] })
  let log = ''
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return { child, url, output: () => log }
}

/** Starts a server with an admin (the "admin party" ends before the function returns). */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mr-couch-'))
  const admin: Credentials = { name: 'admin', password: `admin-${Math.random().toString(36).slice(2)}` }
  let started: Awaited<ReturnType<typeof launch>> | undefined
  let lastError: unknown
  for (let attempt = 0; attempt < 3 && !started; attempt++) {
    const candidate = await launch(dir)
    try {
      await whenReady(candidate.url, candidate.child, candidate.output)
      started = candidate
    } catch (e) {
      lastError = e
      candidate.child.kill('SIGKILL')
      await exited(candidate.child)
    }
  }
  if (!started) {
    await rm(dir, { recursive: true, force: true })
    throw lastError
  }
  const { child, url } = started
  const pid = child.pid
  if (pid === undefined) throw new Error('pouchdb-server has no PID')
  const made = await send(url, 'PUT', `/_config/admins/${admin.name}`, { body: admin.password })
  if (made.status !== 200) throw new Error(`could not create the server admin: ${JSON.stringify(made.body)}`)

  return {
    url,
    pid,
    admin,
    request: (method, path, opts) => send(url, method, path, opts),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGTERM')
        const killed = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), STOP_WITHIN_MS)
        await exited(child)
        clearTimeout(killed)
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Adds a user (one per PC or mediator) holding the given roles. */
export async function addUser(server: LoopbackServer, user: Credentials, roles: string[]): Promise<void> {
  const id = `org.couchdb.user:${user.name}`
  const res = await server.request('PUT', `/_users/${encodeURIComponent(id)}`, {
    as: server.admin,
    body: { _id: id, name: user.name, password: user.password, roles, type: 'user' },
  })
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`could not add user ${user.name}: ${JSON.stringify(res.body)}`)
}

/**
 * A committee's database as an office sets it up (README, 同步服务器): the database, its `_security`
 * (members by the committee's role), the validation design document, and one user per PC given.
 * Returns the database's path ('/mr-<id>').
 */
export async function createCommitteeDb(
  server: LoopbackServer,
  committeeId: string,
  pcs: Credentials[],
): Promise<string> {
  const db = `/${committeeDbName(committeeId)}`
  const steps: [string, string, unknown][] = [
    ['PUT', db, undefined],
    ['PUT', `${db}/_security`, committeeSecurity(committeeId)],
    ['PUT', `${db}/${validationDesignDoc()._id}`, validationDesignDoc()],
  ]
  for (const [method, path, body] of steps) {
    const res = await server.request(method, path, { as: server.admin, body })
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  }
  for (const pc of pcs) await addUser(server, pc, [committeeRole(committeeId)])
  return db
}

/** A committee's database made as createCommitteeDb makes it, and how each of the PCs given reaches it. */
export async function committeeRemotes(
  server: LoopbackServer,
  committeeId: string,
  pcs: Credentials[],
): Promise<RemoteDb[]> {
  const db = await createCommitteeDb(server, committeeId, pcs)
  return pcs.map((pc) => ({ url: `${server.url}${db}`, authorization: basicAuth(pc) }))
}
