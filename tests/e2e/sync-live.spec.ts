/**
 * Live sync between PCs (issue 17): two Chromium profiles as two PCs of one committee, each with its own
 * user on the real loopback CouchDB-protocol server (tests/sync/server.ts), each reaching it through its own
 * outage proxy (tests/sync/outageProxy.ts), so that one PC can lose the network while the server, and what
 * it stores, stays. Everything goes through the UI: PC A makes the committee key, PC B joins with A's join
 * code, both save the server in 设置 → 同步, and live sync starts by itself.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { chooseMany, ROOM, shot } from './helpers/setup'
import { confirmAction, openTab, registerSimpleCase, startAction } from './helpers/cases'
import { storedRow } from './helpers/syncConflicts'
import {
  editFacts,
  expectListed,
  joinCommittee,
  openCaseList,
  openSyncTab,
  makeCommitteeKey,
  newPc,
  openCase,
  proposedDatabase,
  saveServer,
  syncLine,
} from './helpers/syncPcs'
import { createCommitteeDb, type Credentials } from '../sync/server'
import { useLoopbackServer } from './helpers/loopbackServer'
import { startOutageProxy, type OutageProxy } from '../sync/outageProxy'

// one committee's day: the PCs set up in the first test carry their cases into the next ones
test.describe.configure({ mode: 'serial' })

interface Pc {
  page: Page
  user: Credentials
  /** this PC's network to the server */
  net: OutageProxy
}

const proxies: OutageProxy[] = []
let a: Pc
let b: Pc

const server = useLoopbackServer({
  beforeStop: async () => {
    for (const pc of [a, b]) await pc?.page.context().close()
    for (const p of proxies) await p.close()
  },
})

const SYNCED = /^已同步 \d\d:\d\d$/
/** a PC coming back waits out its retry delay (2 s doubling per failed try while it was cut off) */
const BACK_ONLINE_MS = 40_000

/** PC A (makes the key) and PC B (joins with A's code), both syncing through their own proxies. */
async function twoPcs(browser: Browser, baseURL: string): Promise<void> {
  const users = [
    { name: 'room-a', password: 'pw-a-5e1f' },
    { name: 'room-b', password: 'pw-b-9c2d' },
  ]
  const nets = await Promise.all([startOutageProxy(server.url), startOutageProxy(server.url)])
  proxies.push(...nets)
  const [pageA, pageB] = await Promise.all([newPc(browser, baseURL), newPc(browser, baseURL)])
  a = { page: pageA, user: users[0]!, net: nets[0]! }
  b = { page: pageB, user: users[1]!, net: nets[1]! }

  const code = await makeCommitteeKey(a.page)
  const database = await proposedDatabase(a.page)
  // the office sets up the committee's database with one user per PC
  await createCommitteeDb(server, database.slice('mr-'.length), users)
  await saveServer(a.page, a.net.url, a.user)
  await expect(syncLine(a.page)).toHaveText(SYNCED)

  await joinCommittee(b.page, code)
  // on the same screen, the form now proposes the database of the committee B has just joined
  await expect(b.page.getByLabel('数据库', { exact: true })).toHaveValue(database)
  await saveServer(b.page, b.net.url, b.user)
  await expect(syncLine(b.page)).toHaveText(SYNCED)
}

const CASE_A = {
  title: '钱慧敏与孙立军相邻通行纠纷',
  category: '邻里',
  applicant: { name: '钱慧敏', phone: '13300003333' },
  respondent: { name: '孙立军', phone: '13300004444' },
}
const CASE_B = {
  title: '周桂兰与吴志强房屋漏水纠纷',
  category: '邻里',
  applicant: { name: '周桂兰', phone: '13500005555' },
  respondent: { name: '吴志强', phone: '13500006666' },
}

/** The case's id, from the case page's address (the case open). */
function openCaseId(page: Page): string {
  const id = /#\/cases\/([^/?]+)/.exec(page.url())?.[1]
  if (!id) throw new Error(`not on a case page: ${page.url()}`)
  return id
}

/** Waits until this PC has sent every change of the case to the server (its outbox row is gone). */
async function sent(page: Page, id: string): Promise<void> {
  await expect.poll(() => storedRow(page, 'syncOutbox', id), { timeout: 15_000 }).toBeNull()
}

test('PC A makes the committee key, PC B joins with its code, and both connect: 已同步', async ({
  browser,
  baseURL,
}) => {
  await twoPcs(browser, baseURL!)
  // the same key on both: the fingerprint people compare between the two screens
  await expect(b.page.getByTestId('key-fingerprint')).toHaveText(
    (await a.page.getByTestId('key-fingerprint').textContent())!,
  )
  await shot(b.page, 'sync-live-b-joined', 900)
})

test('a case taken on one PC appears on the other, both ways, and both say 已同步', async () => {
  await registerSimpleCase(a.page, CASE_A)
  await startAction(a.page, '受理')
  await chooseMany(a.page, '指派调解员', ['李淑珺'])
  await confirmAction(a.page, '受理')
  const caseNo = a.page.locator('.case-header .case-no')
  await expect(caseNo).toHaveText(/第\d+号$/)
  const numberOnA = await caseNo.textContent()

  await registerSimpleCase(b.page, CASE_B)

  await expectListed(b.page, CASE_A.title)
  const rowOnB = b.page.getByLabel('案件列表').locator('tbody tr').filter({ hasText: CASE_A.title })
  await expect(rowOnB).toContainText(numberOnA!)
  await expect(rowOnB).toContainText('已受理')
  await expectListed(a.page, CASE_B.title)
  for (const pc of [a, b]) {
    await expect(pc.page.getByText('共 2 件')).toBeVisible()
    await expect(syncLine(pc.page)).toHaveText(SYNCED)
  }
  await shot(a.page, 'sync-live-a-list', 900)
  await shot(b.page, 'sync-live-b-list', 900)
})

/** A UUID, or the start of one: nothing a person should read. */
const UUID_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}/

test('a case from the other PC names its room and mediator: they came with the committee’s lists, never （已删除）, never an id', async () => {
  // A's room and A's 李淑珺 reached B with the rooms and mediators (src/db/sync/rosterReplication.ts); B looks
  // them up by A's ids, so their names show only if the lists synced and B's settings were read again
  const table = await openCaseList(b.page)
  const row = table.locator('tbody tr').filter({ hasText: CASE_A.title })
  await expect(row.getByRole('cell', { name: '李淑珺', exact: true })).toHaveCount(1)
  await expect(table).not.toContainText('已删除')
  await expect(table).not.toContainText('其他电脑的')
  await expect(table).not.toContainText(UUID_TEXT)
  await shot(b.page, 'sync-live-b-other-pc-mediator-list', 900)

  await openCase(b.page, CASE_A.title)
  await openTab(b.page, '基本信息')
  await expect(b.page.locator('[aria-label="调解室"]')).toContainText(ROOM)
  await expect(b.page.locator('[aria-label="调解员"]')).toContainText('李淑珺')
  const main = b.page.locator('main')
  await expect(main).not.toContainText('已删除')
  await expect(main).not.toContainText('其他电脑的')
  await expect(main).not.toContainText(UUID_TEXT)
  await shot(b.page, 'sync-live-b-other-pc-case-info', 1400)

  // on A, where they were chosen, the same case names them
  await openCase(a.page, CASE_A.title)
  await openTab(a.page, '基本信息')
  await expect(a.page.locator('[aria-label="调解员"]')).toContainText('李淑珺')
})

test('the same case changed on both PCs while one is cut off: one conflict, settled once, and both agree', async () => {
  const FACTS_A = '相邻通行纠纷。接待室补充：孙立军在通道上堆放建材，已口头协商一次。'
  const FACTS_B = '相邻通行纠纷。调解室补充：双方同意约定通道宽度一米二，建材三日内清走。'

  await b.net.cut()
  await expect(syncLine(b.page)).toHaveText('离线')
  await openCase(b.page, CASE_A.title)
  await editFacts(b.page, FACTS_B)
  await expect(syncLine(b.page)).toHaveText('离线，有 1 条待上传')
  await shot(b.page, 'sync-live-b-offline-edit', 900)

  // meanwhile A, online, changes the same case: its version reaches the server first
  await openCase(a.page, CASE_A.title)
  await editFacts(a.page, FACTS_A)
  await sent(a.page, openCaseId(a.page))

  await b.net.restore()
  await expect(syncLine(b.page)).toHaveText(/^已同步 \d\d:\d\d；有 1 条冲突待处理$/, { timeout: BACK_ONLINE_MS })
  await shot(b.page, 'sync-live-b-conflict-line', 900)

  // B's 设置 → 数据交换 lists exactly one conflict, A's none
  await b.page.goto('/#/settings')
  await openTab(b.page, '数据交换')
  await expect(b.page.getByTestId('conflict-count')).toHaveText('待处理的冲突（1）')
  const list = b.page.getByLabel('同步和导入冲突')
  await expect(list.locator('tbody tr')).toHaveCount(1)
  await expect(list.locator('tbody tr')).toContainText('另一台电脑（经同步服务器）')
  await list.getByRole('button', { name: new RegExp(`^比较：.*${CASE_A.title} 的案件$`) }).click()
  const dialog = b.page.getByRole('dialog', { name: '比较两个版本' })
  const factsRow = dialog.getByRole('row', { name: /纠纷事实/ })
  await expect(factsRow.getByRole('cell').nth(0)).toHaveText(FACTS_B)
  await expect(factsRow.getByRole('cell').nth(1)).toHaveText(FACTS_A)
  await shot(b.page, 'sync-live-b-compare', 900)
  await dialog.getByRole('button', { name: '保留本机' }).click()
  await expect(dialog).toBeHidden()
  await expect(b.page.getByTestId('settle-result')).toContainText('已保留本机的版本，下次同步时发到服务器')
  await expect(b.page.getByTestId('conflict-count')).toHaveText('待处理的冲突（0）')
  await expect(syncLine(b.page)).toHaveText(SYNCED)

  // B's version reaches A, which never had a conflict of its own
  await expect(async () => {
    await openCase(a.page, CASE_A.title)
    await openTab(a.page, '基本信息')
    await expect(a.page.getByLabel('纠纷事实')).toHaveValue(FACTS_B, { timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  await expect(syncLine(a.page)).toHaveText(SYNCED)
  await a.page.goto('/#/settings')
  await openTab(a.page, '数据交换')
  await expect(a.page.getByTestId('conflict-count')).toHaveText('待处理的冲突（0）')

  // and B keeps its own
  await openCase(b.page, CASE_A.title)
  await openTab(b.page, '基本信息')
  await expect(b.page.getByLabel('纠纷事实')).toHaveValue(FACTS_B)
})

test('edits made on a PC cut off for a while all arrive on the other once it is back, none lost or doubled', async () => {
  const OFFLINE_CASES = [
    {
      title: '郑秀英与冯建华宅基地界址纠纷',
      category: '邻里',
      applicant: { name: '郑秀英', phone: '13600007777' },
      respondent: { name: '冯建华', phone: '13600008888' },
    },
    {
      title: '褚美玲与卫国庆借款纠纷',
      category: '邻里',
      applicant: { name: '褚美玲', phone: '13700009999' },
      respondent: { name: '卫国庆', phone: '13700001010' },
    },
  ]
  const CASE_ONLINE = {
    title: '蒋丽华与沈志明噪音扰民纠纷',
    category: '邻里',
    applicant: { name: '蒋丽华', phone: '13800001212' },
    respondent: { name: '沈志明', phone: '13800001313' },
  }
  const LAST_FACTS = '房屋漏水纠纷。第二次上门查看：漏水点在楼上卫生间，吴志强同意本周内维修。'

  await b.net.cut()
  await expect(syncLine(b.page)).toHaveText('离线')
  // two cases registered and one changed twice: three cases wait to go up
  for (const c of OFFLINE_CASES) await registerSimpleCase(b.page, c)
  await openCase(b.page, CASE_B.title)
  await editFacts(b.page, '房屋漏水纠纷。第一次上门查看：天花板有水渍。')
  await editFacts(b.page, LAST_FACTS)
  await expect(syncLine(b.page)).toHaveText('离线，有 3 条待上传')
  await shot(b.page, 'sync-live-b-offline-three', 900)

  // A goes on working meanwhile
  await registerSimpleCase(a.page, CASE_ONLINE)

  await b.net.restore()
  await expect(syncLine(b.page)).toHaveText(SYNCED, { timeout: BACK_ONLINE_MS })

  // every case once on both PCs: the two from before, the two made offline, the one A made meanwhile
  const titles = [CASE_A.title, CASE_B.title, ...OFFLINE_CASES.map((c) => c.title), CASE_ONLINE.title]
  for (const pc of [a, b]) {
    await expectListed(pc.page, CASE_ONLINE.title)
    for (const t of OFFLINE_CASES.map((c) => c.title)) await expectListed(pc.page, t)
    const rows = pc.page.getByLabel('案件列表').locator('tbody tr')
    await expect(rows).toHaveCount(titles.length)
    for (const t of titles) await expect(rows.filter({ hasText: t })).toHaveCount(1)
    await expect(pc.page.getByText(`共 ${titles.length} 件`)).toBeVisible()
  }
  await shot(a.page, 'sync-live-a-after-outage', 900)

  // the last of the two offline changes is what A has
  await openCase(a.page, CASE_B.title)
  await openTab(a.page, '基本信息')
  await expect(a.page.getByLabel('纠纷事实')).toHaveValue(LAST_FACTS)
  for (const pc of [a, b]) await expect(syncLine(pc.page)).toHaveText(SYNCED)
})

test('立即同步: a PC cut off asks for a round at once, is told in words when the server is still not there, and sends its edit the moment it asks once back', async () => {
  const FACTS = '房屋漏水纠纷。第三次上门：楼上已修好，双方约定周六一起查看天花板。'
  const foot = b.page.locator('.sider-foot')
  const button = foot.getByRole('button', { name: '立即同步' })
  const note = foot.getByText('仍然连不上同步服务器。请检查网络，稍后本机会自动再试。')

  // all well: the shell offers nothing
  await expect(syncLine(b.page)).toHaveText(SYNCED)
  await expect(button).toHaveCount(0)

  await b.net.cut()
  await expect(syncLine(b.page)).toHaveText('离线')
  await openCase(b.page, CASE_B.title)
  const id = openCaseId(b.page)
  await editFacts(b.page, FACTS)
  await expect(syncLine(b.page)).toHaveText('离线，有 1 条待上传')
  await expect(button).toBeVisible()

  // from the keyboard: the button is in the tab order and answers Enter; the round finds no server
  await button.focus()
  await expect(button).toBeFocused()
  await b.page.keyboard.press('Enter')
  await expect(note).toBeVisible()
  await expect(syncLine(b.page)).toHaveText('离线，有 1 条待上传')
  await shot(b.page, 'sync-live-b-sync-now-unreachable', 800)
  // 大字模式: the same button and words, larger
  await b.page.getByText('大字模式', { exact: true }).click()
  await expect(b.page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
  await expect(button).toBeVisible()
  await shot(b.page, 'sync-live-b-sync-now-large-text', 800)
  await b.page.getByText('大字模式', { exact: true }).click()
  await expect(b.page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'false')

  // back online: 设置 → 同步 always has the button (the shell's may go the moment a retry gets through)
  await b.net.restore()
  await openSyncTab(b.page)
  const tabButton = b.page.locator('.sync-tab').getByRole('button', { name: /^(立即同步|正在同步…)$/ })
  await shot(b.page, 'sync-live-b-sync-tab-button', 900)
  await b.page.locator('.sync-tab').getByRole('button', { name: '立即同步' }).click()
  // the round the click started ends with the edit on the server
  await expect(syncLine(b.page)).toHaveText(SYNCED)
  await expect(tabButton).toHaveText('立即同步')
  await expect(note).toHaveCount(0)
  await expect(button).toHaveCount(0)
  await sent(b.page, id)

  // and A, waiting on the server's changes, has it
  await expect(async () => {
    await openCase(a.page, CASE_B.title)
    await openTab(a.page, '基本信息')
    await expect(a.page.getByLabel('纠纷事实')).toHaveValue(FACTS, { timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
})
