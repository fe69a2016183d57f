/**
 * A 调解记录 open on two PCs while both write in it (issue 17: "as if on one"): the open editor shows what
 * the other PC changed in the fields nobody types in here, keeps what is being typed, says so when both
 * changed the same field, and its autosave writes only what was typed here, so the other PC's change is
 * never put back silently. Taking a change in saves nothing: two PCs with the record open do not send it
 * back and forth (the record's revision on the server settles). Two Chromium profiles as two PCs on the
 * real loopback CouchDB-protocol server. Then the agreement draft, open on both PCs, follows the same way.
 */
import { useLoopbackServer } from './helpers/loopbackServer'
import { expect, test, type Page } from '@playwright/test'
import { blockingViolations } from './helpers/axe'
import { confirmAction, openTab, registerSimpleCase, simpleAction, startAction } from './helpers/cases'
import { chooseMany, shot } from './helpers/setup'
import {
  expectListed,
  joinCommittee,
  makeCommitteeKey,
  newPc,
  openCase,
  proposedDatabase,
  saveServer,
  syncLine,
} from './helpers/syncPcs'
import { basicAuth, createCommitteeDb } from '../sync/server'

const server = useLoopbackServer()

const SYNCED = /^已同步 \d\d:\d\d$/
const TITLE = '褚桂芳与卫志强相邻漏水纠纷'
/** a change made on one PC reaches the other within a few seconds on loopback; generous under load */
const ARRIVES = { timeout: 30_000 }

const notes = (page: Page) => page.getByLabel('调解记录', { exact: true })
const facts = (page: Page) => page.getByLabel('查明的事实')
const risk = (page: Page) => page.getByLabel('风险提示')
const outcome = (page: Page) => page.getByLabel('调解结果')
const present = (page: Page) => page.getByLabel('参加人', { exact: true })
const saved = (page: Page) => page.getByRole('status', { name: '保存状态' })

/** Types into a box of the open record and waits until its autosave has stored it. */
async function typeAndSave(page: Page, box: ReturnType<typeof notes>, text: string): Promise<void> {
  await box.fill(text)
  await box.blur() // leaving the box writes at once
  await expect(saved(page)).toHaveText(/^已保存 \d\d:\d\d:\d\d$/)
}

test('an open session record follows the other PC, keeps what is typed here, and the two do not send it back and forth', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000)
  const users = [
    { name: 'desk-a', password: 'pw-desk-a-58' },
    { name: 'room-b', password: 'pw-room-b-63' },
  ]
  const [a, b] = await Promise.all([newPc(browser, baseURL!), newPc(browser, baseURL!)])
  // B's clock is Playwright's (running as the real one) so that step 3 can hold it
  await b.clock.install()
  try {
    const code = await makeCommitteeKey(a)
    const database = (await proposedDatabase(a)).slice('mr-'.length)
    const db = await createCommitteeDb(server, database, users)
    await saveServer(a, server.url, users[0]!)
    await joinCommittee(b, code)
    await saveServer(b, server.url, users[1]!)
    await expect(syncLine(a)).toHaveText(SYNCED)
    await expect(syncLine(b)).toHaveText(SYNCED)

    // A registers the case, starts mediating and opens a new 调解记录
    await registerSimpleCase(a, {
      title: TITLE,
      category: '邻里',
      applicant: { name: '褚桂芳', phone: '13600003333' },
      respondent: { name: '卫志强', phone: '13600004444' },
    })
    await startAction(a, '受理')
    await chooseMany(a, '指派调解员', ['李淑珺'])
    await confirmAction(a, '受理')
    await simpleAction(a, '开始调解')
    await openTab(a, '调解记录')
    await a.getByRole('button', { name: '＋ 新建调解记录' }).click()
    await expect(notes(a)).toBeVisible()

    // B opens the same record
    await expectListed(b, TITLE)
    await openCase(b, TITLE)
    await openTab(b, '调解记录')
    await b.locator('.n-list-item', { hasText: '第1次' }).click(ARRIVES)
    await expect(notes(b)).toBeVisible()

    // 1. nothing typed on B: its open record shows A's change as it arrives
    await typeAndSave(a, risk(a), '甲机：双方情绪激动，注意隔开谈话。')
    await expect(risk(b)).toHaveValue('甲机：双方情绪激动，注意隔开谈话。', ARRIVES)

    // 2. B writes the outcome, then (once it has arrived) A the facts checked: each shows the other's,
    // neither is put back by the other's save
    await typeAndSave(b, outcome(b), '乙机：双方同意先修好水管。')
    await expect(outcome(a)).toHaveValue('乙机：双方同意先修好水管。', ARRIVES)
    await typeAndSave(a, facts(a), '甲机：楼上卫生间防水层老化，漏水属实。')
    await expect(facts(b)).toHaveValue('甲机：楼上卫生间防水层老化，漏水属实。', ARRIVES)
    await expect(outcome(b)).toHaveValue('乙机：双方同意先修好水管。')
    await expect(outcome(a)).toHaveValue('乙机：双方同意先修好水管。')
    await expect(b.getByTestId('session-edit-clash')).toHaveCount(0)

    // 3. A writes the notes while B is typing in them and has not stored its typing yet (B's clock is held, so
    // its autosave, at most a second after typing, waits for the test: the window is otherwise that second)
    await b.clock.pauseAt(new Date(Date.now() + 1_000))
    await notes(b).fill('乙机记录：申请人称漏水已有三个月，天花板发霉。')
    await typeAndSave(a, present(a), '褚桂芳、卫志强、物业王经理')
    await typeAndSave(a, notes(a), '甲机记录：被申请人同意本周内请师傅上门查看。')
    const clash = b.getByTestId('session-edit-clash')
    // B takes the change in (its store reads the open case again 150 ms after the write): short steps of its
    // clock, all of them together well within the autosave's wait (half a second after the last keystroke)
    await expect(async () => {
      await b.clock.runFor(20)
      await expect(clash).toBeVisible({ timeout: 1_000 })
    }).toPass({ timeout: 15_000 })
    await expect(clash).toContainText('您正在填写的“调解记录”刚被其他电脑（或本机的其他操作）改过')
    // and what A wrote there, in words (keeping B's is the default: nothing is taken unless asked)
    const theirs = '甲机记录：被申请人同意本周内请师傅上门查看。'
    await expect(clash).toContainText(`调解记录 另一台电脑改成了：${theirs}`)
    await expect(clash.getByRole('button', { name: '采用对方的内容' })).toBeVisible()
    // the field A changed and B did not type in shows A's; what B typed stays
    await expect(present(b)).toHaveValue('褚桂芳、卫志强、物业王经理')
    await expect(notes(b)).toHaveValue('乙机记录：申请人称漏水已有三个月，天花板发霉。')
    await expect(risk(b)).toHaveValue('甲机：双方情绪激动，注意隔开谈话。')
    // B's clock runs again: its autosave stores what was typed (as the notice said); A's other changes stay
    await b.clock.resume()
    await notes(b).blur()
    await expect(saved(b)).toHaveText(/^已保存 \d\d:\d\d:\d\d$/)
    // the notice stays until it is closed (axe needs the page's clock running), and still says what A wrote
    // (the record stored now holds B's)
    await expect(clash).toBeVisible()
    await expect(clash).toContainText(`另一台电脑改成了：${theirs}`)
    const violations = await blockingViolations(b, '案件·调解记录·其他电脑同时修改')
    await shot(b, 'sync-open-session-clash', 1100)
    await b.getByText('大字模式', { exact: true }).click()
    await expect(b.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
    violations.push(...(await blockingViolations(b, '案件·调解记录·其他电脑同时修改·大字模式')))
    await shot(b, 'sync-open-session-clash-large', 1300)
    await b.getByText('大字模式', { exact: true }).click()
    expect(violations, violations.join('\n')).toEqual([])

    // what B typed stood and reached A
    const ours = '乙机记录：申请人称漏水已有三个月，天花板发霉。'
    await expect(notes(b)).toHaveValue(ours)
    await expect(notes(a)).toHaveValue(ours, ARRIVES)
    // then B takes A's after all, by keyboard: from the notice's text, Tab reaches 采用对方的内容, Enter takes it
    const take = clash.getByRole('button', { name: '采用对方的内容' })
    await clash.locator('.lead').click()
    await expect(async () => {
      await b.keyboard.press('Tab')
      await expect(take).toBeFocused({ timeout: 500 })
    }).toPass({ timeout: 10_000 })
    await b.keyboard.press('Enter')
    await expect(notes(b)).toHaveValue(theirs)
    await expect(clash).toHaveCount(0)
    // focus stays where the notice was, on the line saying what was taken
    const taken = b.getByTestId('session-edit-clash-taken')
    await expect(taken).toHaveText('已采用另一台电脑的“调解记录”。')
    await expect(taken).toBeFocused()
    await b.keyboard.press('Tab')
    await expect(saved(b)).toHaveText(/^已保存 \d\d:\d\d:\d\d$/)
    const final = theirs
    await expect(notes(b)).toHaveValue(final)
    await expect(notes(a)).toHaveValue(final, ARRIVES)
    for (const page of [a, b]) {
      await expect(risk(page)).toHaveValue('甲机：双方情绪激动，注意隔开谈话。')
      await expect(present(page)).toHaveValue('褚桂芳、卫志强、物业王经理')
      await expect(facts(page)).toHaveValue('甲机：楼上卫生间防水层老化，漏水属实。')
      await expect(outcome(page)).toHaveValue('乙机：双方同意先修好水管。')
    }
    await expect(syncLine(a)).toHaveText(SYNCED, ARRIVES)
    await expect(syncLine(b)).toHaveText(SYNCED, ARRIVES)

    // 4. no back and forth: with both PCs live and the record open on both, the server sees no further change
    const caseDoc = async () => {
      const all = await server.request('GET', `${db}/_all_docs?include_docs=true`, { as: server.admin })
      const rows = (all.body as { rows: { id: string; value: { rev: string } }[] }).rows
      return rows.filter((r) => r.id.startsWith('case:')).map((r) => r.value.rev)
    }
    const revs = await caseDoc()
    expect(revs).toHaveLength(1)
    const since = ((await server.request('GET', db, { as: server.admin })).body as { update_seq: number | string })
      .update_seq
    // the only way to see that nothing happens: ask the server's changes feed to wait for the next change (5 s)
    const changesAfter = (seq: number | string): Promise<unknown[]> =>
      fetch(`${server.url}${db}/_changes?feed=longpoll&limit=1&timeout=5000&since=${encodeURIComponent(String(seq))}`, {
        headers: { Authorization: basicAuth(server.admin) },
        signal: AbortSignal.timeout(7_000),
      })
        .then((answer) => answer.json() as Promise<{ results: unknown[] }>)
        .then(
          (body) => body.results,
          (error: unknown) => {
            // held open past its timeout (the server's answer is started, its body never ends): nothing came
            if (error instanceof Error && error.name === 'TimeoutError') return []
            throw error
          },
        )
    expect(await changesAfter(0)).toHaveLength(1) // the feed answers with a change when there is one
    expect(await changesAfter(since)).toEqual([])
    expect(await caseDoc()).toEqual(revs)
    console.log(`case document revision on the server, settled: ${revs[0]}`)
    await expect(notes(a)).toHaveValue(final)
    await expect(notes(b)).toHaveValue(final)

    // 5. the agreement draft, open on both PCs, follows the same way
    await openTab(a, '协议')
    await a.locator('.agreement-slot').getByRole('button', { name: '拟定书面协议' }).click()
    await expect(a.getByText('第1版 · 草稿')).toBeVisible()
    await b.goto(a.url())
    await expect(b.getByText('第1版 · 草稿')).toBeVisible(ARRIVES)
    const disputes = (page: Page) => page.getByLabel('争议事项')
    const terms = (page: Page) => page.getByLabel('履行方式、时限')
    await typeAndSave(a, disputes(a), '甲机：漏水修理费用和天花板重新粉刷费用由谁承担。')
    await expect(disputes(b)).toHaveValue('甲机：漏水修理费用和天花板重新粉刷费用由谁承担。', ARRIVES)
    await typeAndSave(b, terms(b), '乙机：被申请人于本月底前请师傅修好水管并粉刷天花板。')
    await expect(terms(a)).toHaveValue('乙机：被申请人于本月底前请师傅修好水管并粉刷天花板。', ARRIVES)
    for (const page of [a, b])
      await expect(disputes(page)).toHaveValue('甲机：漏水修理费用和天花板重新粉刷费用由谁承担。')
    await expect(b.getByTestId('agreement-edit-clash')).toHaveCount(0)

    // both change the disputes, B's typing not yet stored (its clock held, as in step 3): B is told what A wrote
    // and takes it
    await b.clock.pauseAt(new Date(Date.now() + 1_000))
    await disputes(b).fill('乙机：天花板粉刷费用由谁承担。')
    const theirDisputes = '甲机：漏水修理费用由被申请人承担，粉刷费用双方各半。'
    await typeAndSave(a, disputes(a), theirDisputes)
    const agreementClash = b.getByTestId('agreement-edit-clash')
    await expect(async () => {
      await b.clock.runFor(20)
      await expect(agreementClash).toBeVisible({ timeout: 1_000 })
    }).toPass({ timeout: 15_000 })
    await expect(agreementClash).toContainText('您正在填写的“争议事项”刚被其他电脑（或本机的其他操作）改过')
    await expect(agreementClash).toContainText(`争议事项 另一台电脑改成了：${theirDisputes}`)
    await expect(disputes(b)).toHaveValue('乙机：天花板粉刷费用由谁承担。')
    await b.clock.resume()
    const agreementViolations = await blockingViolations(b, '协议·其他电脑同时修改')
    await shot(b, 'sync-open-agreement-clash', 1100)
    await b.getByText('大字模式', { exact: true }).click()
    await expect(b.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
    agreementViolations.push(...(await blockingViolations(b, '协议·其他电脑同时修改·大字模式')))
    await shot(b, 'sync-open-agreement-clash-large', 1300)
    await b.getByText('大字模式', { exact: true }).click()
    await expect(b.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'false')
    expect(agreementViolations, agreementViolations.join('\n')).toEqual([])
    await agreementClash.getByRole('button', { name: '采用对方的内容' }).click()
    await expect(disputes(b)).toHaveValue(theirDisputes)
    await expect(agreementClash).toHaveCount(0)
    await expect(b.getByTestId('agreement-edit-clash-taken')).toHaveText('已采用另一台电脑的“争议事项”。')
    await disputes(b).blur()
    for (const page of [a, b]) await expect(disputes(page)).toHaveValue(theirDisputes, ARRIVES)
    await expect(syncLine(a)).toHaveText(SYNCED, ARRIVES)
    await expect(syncLine(b)).toHaveText(SYNCED, ARRIVES)
    const settled = ((await server.request('GET', db, { as: server.admin })).body as { update_seq: number | string })
      .update_seq
    expect(await changesAfter(settled)).toEqual([])
  } finally {
    await Promise.all([a.context().close(), b.context().close()])
  }
})
