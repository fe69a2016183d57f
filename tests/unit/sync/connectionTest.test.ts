/**
 * 测试连接 (src/db/sync/connectionTest.ts) against the real loopback CouchDB-protocol server
 * (tests/sync/server.ts): each way a PC can be turned away gets its own plain Chinese message.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicAuthorization, testConnection } from '../../../src/db/sync/connectionTest'
import { connectionMessage, type ConnectionOutcome } from '../../../src/domain/syncConnection'
import { createCommitteeDb, startLoopbackServer, type Credentials, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '6f1c2a9e-0d3b-4c47-9a51-2e8f7b6d4c10'
const OTHER_COMMITTEE = '0a9b8c7d-1e2f-4a3b-8c5d-6e7f8a9b0c1d'
const pc1: Credentials = { name: 'reception', password: 'pw-reception-1' }
const stranger: Credentials = { name: 'other-town', password: 'pw-other-1' }

let server: LoopbackServer
let db: string
let web: Server
let webUrl: string
let closedUrl: string

const listen = (s: Server) =>
  new Promise<string>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  )

beforeAll(async () => {
  server = await startLoopbackServer()
  db = (await createCommitteeDb(server, COMMITTEE, [pc1])).slice(1)
  await createCommitteeDb(server, OTHER_COMMITTEE, [stranger])
  // a web page at the address, not a CouchDB
  web = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>路由器</html>'))
  webUrl = await listen(web)
  // a port nothing listens on
  const probe = createServer()
  closedUrl = await listen(probe)
  await new Promise((r) => probe.close(r))
})

afterAll(async () => {
  await server?.stop()
  await new Promise((r) => web?.close(r))
})

const as = (who: Credentials) => basicAuthorization(who.name, who.password)

describe('测试连接 against the loopback server', () => {
  it("says 连接成功 with the server's own version for a member of the committee", async () => {
    const root = await server.request('GET', '/')
    const version = (root.body as { version: string }).version
    const outcome = await testConnection({ url: server.url, database: db, authorization: as(pc1) })
    expect(outcome).toEqual({ kind: 'ok', version })
    expect(connectionMessage(outcome)).toBe(`连接成功：服务器版本 ${version}，账号和数据库均可用`)
  })

  it('tells a wrong password, an unknown user and no credentials apart from the rest', async () => {
    for (const authorization of [as({ ...pc1, password: 'wrong' }), as({ name: 'nobody', password: 'x' }), undefined]) {
      expect(await testConnection({ url: server.url, database: db, authorization })).toEqual({ kind: 'password' })
    }
  })

  it("says a user of another committee has no business in this committee's database", async () => {
    expect(await testConnection({ url: server.url, database: db, authorization: as(stranger) })).toEqual({
      kind: 'foreignCommittee',
    })
  })

  it('says the database is missing', async () => {
    expect(await testConnection({ url: server.url, database: 'mr-nowhere', authorization: as(pc1) })).toEqual({
      kind: 'missingDatabase',
    })
  })

  it('says when nothing answers, and when a web page answers instead of CouchDB', async () => {
    expect(await testConnection({ url: closedUrl, database: db, authorization: as(pc1) })).toEqual({
      kind: 'unreachable',
    })
    expect(await testConnection({ url: webUrl, database: db, authorization: as(pc1) })).toEqual({ kind: 'notCouch' })
  })
})

describe('the messages', () => {
  // written out: what each outcome says (the user reads these, word for word)
  const table: [ConnectionOutcome, string][] = [
    [{ kind: 'unreachable' }, '连接失败：无法连接到服务器，请检查地址、网络和服务器是否已启动'],
    [{ kind: 'notCouch' }, '连接失败：该地址不是同步服务器（CouchDB），请检查地址和端口'],
    [{ kind: 'password' }, '连接失败：用户名或密码不正确（或该账号已被停用）'],
    [{ kind: 'foreignCommittee' }, '连接失败：该账号不属于本调解委员会，无权使用这个数据库'],
    [{ kind: 'missingDatabase' }, '连接失败：服务器上没有这个数据库，请核对数据库名称或联系管理员创建'],
    [{ kind: 'serverError', status: 500 }, '连接失败：服务器出错（500），请稍后重试或联系管理员'],
    [{ kind: 'ok', version: '3.3.3' }, '连接成功：服务器版本 3.3.3，账号和数据库均可用'],
  ]
  it.each(table)('%o says %s', (outcome, words) => {
    expect(connectionMessage(outcome)).toBe(words)
  })
})
