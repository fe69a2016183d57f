/**
 * Each PC's audit log through the committee's server (issue 17), in the browser build: two Chromium profiles
 * as two PCs on the real loopback CouchDB-protocol server (tests/sync/server.ts). PC A's log reaches PC B,
 * whose 审计日志 lists it as 完整 and shows its entries; an entry a server admin then edits shows on B as
 * that entry changed on the server.
 */
import { expect, test, type Page } from '@playwright/test'
import { openTab } from './helpers/cases'
import { shot } from './helpers/setup'
import { joinCommittee, makeCommitteeKey, newPc, proposedDatabase, saveServer, syncLine } from './helpers/syncPcs'
import { createCommitteeDb } from '../sync/server'
import { useLoopbackServer } from './helpers/loopbackServer'
import { VALIDATION_DESIGN_DOC_ID } from '../../src/domain/syncServer'

test.describe.configure({ mode: 'serial' })

let a: Page
let b: Page
let database = ''
/** A's chain as B names it: the first 8 characters of its id */
let shortId = ''

const server = useLoopbackServer({
  beforeStop: async () => {
    for (const page of [a, b]) await page?.context().close()
  },
})

const SYNCED = /^已同步 \d\d:\d\d$/

/** The other PCs' lines of 审计日志 on `page`, verified afresh until `expected` holds. */
async function expectPeerLine(page: Page, expected: RegExp): Promise<string> {
  let line = ''
  await expect(async () => {
    await page.getByRole('button', { name: '验证审计日志' }).click()
    const peers = page.getByTestId('audit-peers').locator('li')
    await expect(peers).toHaveCount(2, { timeout: 1_000 })
    line = (await peers.nth(1).textContent())!.trim()
    expect(line).toMatch(expected)
  }).toPass({ timeout: 30_000 })
  return line
}

test('A’s audit log reaches B, where 审计日志 lists it as 完整 and shows its entries', async ({ browser, baseURL }) => {
  const users = [
    { name: 'audit-room-a', password: 'pw-a-71c3' },
    { name: 'audit-room-b', password: 'pw-b-0d8e' },
  ]
  ;[a, b] = await Promise.all([newPc(browser, baseURL!), newPc(browser, baseURL!)])
  const code = await makeCommitteeKey(a)
  database = await proposedDatabase(a)
  await createCommitteeDb(server, database.slice('mr-'.length), users)
  await saveServer(a, server.url, users[0]!)
  await expect(syncLine(a)).toHaveText(SYNCED)
  await joinCommittee(b, code)
  await saveServer(b, server.url, users[1]!)
  await expect(syncLine(b)).toHaveText(SYNCED)

  await b.goto('/#/settings')
  await openTab(b, '审计日志')
  const line = await expectPeerLine(b, /^其他电脑 [0-9a-f]{8}：完整（共 \d+ 条，逐条校验通过）$/)
  shortId = /其他电脑 ([0-9a-f]{8})/.exec(line)![1]!
  await expect(b.getByTestId('audit-peers').locator('li').first()).toHaveText('本机：完整')

  // A's entries in B's list: A showed the join code, B never did
  await b.getByLabel('查看哪台电脑的日志').click()
  await b.locator('.n-base-select-option', { hasText: `其他电脑 ${shortId}` }).click()
  await expect(b.getByRole('heading', { name: new RegExp(`^其他电脑 ${shortId}的最近的记录`) })).toBeVisible()
  await expect(b.getByLabel('审计日志')).toContainText('显示同步加入码')
  await shot(b, 'sync-audit-peers', 900)
})

test('an entry a server admin edits shows on B as changed on the server, at its seq', async () => {
  const db = `/${database}`
  const ids = await server.request(
    'GET',
    `${db}/_all_docs?startkey=${encodeURIComponent(JSON.stringify(`audit:${shortId}`))}&endkey=${encodeURIComponent(JSON.stringify(`audit:${shortId}\ufff0`))}`,
    { as: server.admin },
  )
  const second = (ids.body as { rows: { id: string }[] }).rows[1]!.id
  expect(second).toMatch(/:0000000002$/)
  // a rogue admin removes the validation that keeps entries append-only, then edits one
  const design = (await server.request('GET', `${db}/${VALIDATION_DESIGN_DOC_ID}`, { as: server.admin })).body as {
    _rev: string
  }
  await server.request('DELETE', `${db}/${VALIDATION_DESIGN_DOC_ID}?rev=${design._rev}`, { as: server.admin })
  const doc = (await server.request('GET', `${db}/${encodeURIComponent(second)}`, { as: server.admin })).body as {
    ts: string
  }
  const edited = await server.request('PUT', `${db}/${encodeURIComponent(second)}`, {
    as: server.admin,
    body: { ...doc, ts: '2026-01-01T00:00:00.000Z' },
  })
  expect(edited.status).toBe(201)

  await expectPeerLine(b, new RegExp(`^其他电脑 ${shortId}：未通过（第 2 条在服务器上被改动，无法解密）$`))
  await shot(b, 'sync-audit-tampered', 900)
})
