/**
 * A case open on one PC while another PC of the committee changes it (issue 17: "as if on one"): the open
 * 基本信息 form follows what arrives for the fields nobody typed in, keeps what is being typed, says so when
 * both changed the same field, and its save writes only what was typed here, so the other PC's change is
 * never put back silently. Two Chromium profiles as two PCs on the real loopback CouchDB-protocol server.
 */
import { useLoopbackServer } from './helpers/loopbackServer'
import { expect, test, type Page } from '@playwright/test'
import { blockingViolations } from './helpers/axe'
import { openTab, registerSimpleCase } from './helpers/cases'
import { shot } from './helpers/setup'
import {
  editFacts,
  expectListed,
  joinCommittee,
  makeCommitteeKey,
  newPc,
  openCase,
  proposedDatabase,
  saveServer,
  syncLine,
} from './helpers/syncPcs'
import { createCommitteeDb } from '../sync/server'
import { animationsEnded } from './helpers/animations'

const server = useLoopbackServer()

const SYNCED = /^已同步 \d\d:\d\d$/
const TITLE = '冯秀英与蒋国平宅基地纠纷'
/** a change made on one PC reaches the other within a few seconds on loopback; generous under load */
const ARRIVES = { timeout: 30_000 }

const facts = (page: Page) => page.getByLabel('纠纷事实')
const title = (page: Page) => page.getByLabel('纠纷名称')

test('an open case follows the other PC, keeps what is typed here, and says when both changed a field', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000)
  const users = [
    { name: 'desk-a', password: 'pw-desk-a-31' },
    { name: 'room-b', password: 'pw-room-b-47' },
  ]
  const [a, b] = await Promise.all([newPc(browser, baseURL!), newPc(browser, baseURL!)])
  try {
    const code = await makeCommitteeKey(a)
    await createCommitteeDb(server, (await proposedDatabase(a)).slice('mr-'.length), users)
    await saveServer(a, server.url, users[0]!)
    await joinCommittee(b, code)
    await saveServer(b, server.url, users[1]!)
    await expect(syncLine(a)).toHaveText(SYNCED)
    await expect(syncLine(b)).toHaveText(SYNCED)

    await registerSimpleCase(a, {
      title: TITLE,
      category: '邻里',
      applicant: { name: '冯秀英', phone: '13600001111' },
      respondent: { name: '蒋国平', phone: '13600002222' },
    })
    await expectListed(b, TITLE)
    await openCase(b, TITLE)
    await expect(facts(b)).toBeVisible()

    // 1. nothing typed on B: its open form shows A's change as it arrives
    await editFacts(a, '双方宅基地相邻，甲机补充：东侧围墙越界约半米。')
    await expect(facts(b)).toHaveValue('双方宅基地相邻，甲机补充：东侧围墙越界约半米。', ARRIVES)

    // 2. B types a new title; A changes the facts again: B's facts follow, its typing stays
    await title(b).fill(`${TITLE}（已核实）`)
    await editFacts(a, '东侧围墙越界约半米，已请村委会测量。')
    await expect(facts(b)).toHaveValue('东侧围墙越界约半米，已请村委会测量。', ARRIVES)
    await expect(title(b)).toHaveValue(`${TITLE}（已核实）`)
    await expect(b.getByTestId('case-edit-clash')).toHaveCount(0)

    // B saves: its title goes up, A's facts stay (before, B's form put its older facts back)
    await b.getByRole('button', { name: '保存修改' }).click()
    await expect(b.getByText('基本信息已保存')).toBeVisible()
    await expect(a.getByRole('heading', { name: `${TITLE}（已核实）` })).toBeVisible(ARRIVES)
    await expect(facts(a)).toHaveValue('东侧围墙越界约半米，已请村委会测量。')
    await expect(facts(b)).toHaveValue('东侧围墙越界约半米，已请村委会测量。')

    // 3. both change the facts: B keeps its typing and is told which field changed on the other PC
    await facts(b).fill('乙机：双方同意由村委会测量后再调解。')
    await editFacts(a, '甲机：测量已完成，越界0.4米。')
    const clash = b.getByTestId('case-edit-clash')
    await expect(clash).toContainText('您正在填写的“纠纷事实”刚被其他电脑', ARRIVES)
    await expect(clash).toContainText('纠纷事实 另一台电脑改成了：甲机：测量已完成，越界0.4米。')
    await expect(facts(b)).toHaveValue('乙机：双方同意由村委会测量后再调解。')
    const violations = await blockingViolations(b, '案件·基本信息·其他电脑同时修改')
    expect(violations, violations.join('\n')).toEqual([])
    await shot(b, 'sync-open-case-clash', 900)
    // saving after the warning: B's facts stand, on both PCs, and the warning goes
    await b.getByRole('button', { name: '保存修改' }).click()
    await expect(b.getByText('基本信息已保存')).toBeVisible()
    await expect(clash).toHaveCount(0)
    await expect(facts(a)).toHaveValue('乙机：双方同意由村委会测量后再调解。', ARRIVES)

    // 4. B edits the parties while A changes them: B is told before its save would replace A's change
    await openTab(b, '当事人')
    await b.getByRole('button', { name: '编辑当事人' }).click()
    await expect(b.getByRole('button', { name: '保存当事人' })).toBeVisible()
    await openTab(a, '当事人')
    await a.getByRole('button', { name: '编辑当事人' }).click()
    await a.getByLabel('第1位当事人职业').fill('个体户')
    await a.getByRole('button', { name: '保存当事人' }).click()
    await expect(a.getByText('当事人已保存')).toBeVisible()
    await expect(b.getByTestId('parties-changed-meanwhile')).toContainText('其他电脑修改了这件案件的当事人', ARRIVES)
    await shot(b, 'sync-open-case-parties-changed', 900)
    // the earlier save's message fading out would be judged mid-fade: checked once it has gone
    await expect(b.locator('.n-message')).toHaveCount(0, { timeout: 10_000 })
    const partiesViolations = await blockingViolations(b, '案件·当事人·其他电脑同时修改')
    expect(partiesViolations, partiesViolations.join('\n')).toEqual([])
    // 大字模式: the notice grows with the page and stays whole beside the buttons it warns about
    const notice = b.getByTestId('parties-changed-meanwhile')
    const noticeSize = () => notice.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
    const titleSize = () =>
      notice.locator('.n-alert-body__title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
    const [normalSize, normalTitle] = [await noticeSize(), await titleSize()]
    await b.getByText('大字模式', { exact: true }).click()
    await expect(b.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
    await expect.poll(noticeSize).toBeGreaterThanOrEqual(normalSize * 1.15)
    // the title too (Naive draws it at a fixed 16px), never smaller than the text under it
    await expect.poll(titleSize).toBeGreaterThanOrEqual(normalTitle * 1.15)
    expect(await titleSize()).toBeGreaterThanOrEqual(await noticeSize())
    expect(await notice.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true)
    await animationsEnded(b)
    const largeViolations = await blockingViolations(b, '案件·当事人·其他电脑同时修改·大字模式')
    expect(largeViolations, largeViolations.join('\n')).toEqual([])
    await shot(b, 'sync-open-case-parties-changed-large-text', 900)
    await b.getByText('大字模式', { exact: true }).click()
    await expect(b.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'false')
    // 取消, then 编辑 again: the list is the one A saved, and the notice has gone
    await b.getByRole('button', { name: '取消' }).click()
    await b.getByRole('button', { name: '编辑当事人' }).click()
    await expect(b.getByLabel('第1位当事人职业')).toHaveValue('个体户')
    await expect(b.getByTestId('parties-changed-meanwhile')).toHaveCount(0)
  } finally {
    await Promise.all([a.context().close(), b.context().close()])
  }
})
