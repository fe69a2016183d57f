/**
 * An agreement another PC of the committee finalised first, with other terms (issue 17): the server keeps
 * that one and turns this PC's finalisation away. The agreement's own page says so, before anyone prints
 * it or hands it to the parties, in the browser build against the real loopback CouchDB-protocol server.
 * The other PC's finalisation is stood in for by the server's validation refusing this PC's final version
 * with the reason the app's validation gives (src/domain/syncServer.ts); what the app does with that answer
 * is what is tested here (the replication itself: tests/unit/sync/recordReplication.test.ts).
 */
import { useLoopbackServer } from './helpers/loopbackServer'
import { expect, test } from '@playwright/test'
import { blockingViolations } from './helpers/axe'
import { draftAgreement, fillClauses } from './helpers/agreementDraft'
import { openTab } from './helpers/cases'
import { shot } from './helpers/setup'
import { signAllOnScreen } from './helpers/signature'
import { makeCommitteeKey, proposedDatabase, saveServer, syncLine } from './helpers/syncPcs'
import { SERVER_REFUSALS, validationDesignDoc } from '../../src/domain/syncServer'
import { createCommitteeDb } from '../sync/server'
import { animationsEnded } from './helpers/animations'

const server = useLoopbackServer()

const SYNCED = /^已同步 \d\d:\d\d$/

test('an agreement finalised first on another PC: this PC is told on the agreement itself', async ({ page }) => {
  test.setTimeout(240_000)
  const user = { name: 'room-a', password: 'pw-room-a-52' }
  const caseId = await draftAgreement(page)
  await fillClauses(page)

  await makeCommitteeKey(page)
  const database = await proposedDatabase(page)
  await createCommitteeDb(server, database.slice('mr-'.length), [user])
  await saveServer(page, server.url, user)
  await expect(syncLine(page)).toHaveText(SYNCED)

  // meanwhile another PC finalised this agreement with other terms: the server turns ours away
  const designPath = `/${database}/${validationDesignDoc()._id}`
  const design = (await server.request('GET', designPath, { as: server.admin })).body as { _rev: string }
  const replaced = await server.request('PUT', designPath, {
    as: server.admin,
    body: {
      ...validationDesignDoc(),
      _rev: design._rev,
      validate_doc_update: `function (n) { if (n.type === 'agreement' && n.status === 'final') throw { forbidden: ${JSON.stringify(SERVER_REFUSALS.finalAgreement)} }; }`,
    },
  })
  expect(replaced.status).toBe(201)

  await page.goto(`/#/cases/${caseId}/agreement`)
  const warning = page.getByTestId('agreement-finalised-elsewhere')
  await expect(page.getByText('第1版 · 草稿')).toBeVisible()
  await expect(warning).toHaveCount(0)
  await signAllOnScreen(page)
  await page.getByRole('button', { name: '确认生效并锁定' }).click()
  await page
    .getByRole('dialog')
    .filter({ hasText: '还没有设置委员会印章' })
    .getByRole('button', { name: '继续不加印章' })
    .click()
  await animationsEnded(page) // the question has grown in: a click in its first frames misses
  await page.getByRole('dialog').getByRole('button', { name: '确认生效并锁定' }).click()
  await expect(page.getByText('第1版 · 已生效（锁定）')).toBeVisible()

  await expect(warning).toContainText('这份协议在另一台电脑上已经确认生效，内容与本机的不同', { timeout: 30_000 })
  await expect(warning).toContainText('打印或交给当事人之前，请先与那台电脑的调解员核对')
  await expect(syncLine(page)).toHaveText(/^已同步 \d\d:\d\d；有 1 条修改服务器不接受$/)
  await expect(page.locator('.n-message')).toHaveCount(0, { timeout: 10_000 })
  await warning.scrollIntoViewIfNeeded()
  await expect(warning).toBeInViewport()
  const violations = await blockingViolations(page, '协议·其他电脑已确认')
  expect(violations, violations.join('\n')).toEqual([])
  await shot(page, 'sync-agreement-finalised-elsewhere', 900)

  // 保存PDF asks first; 取消 saves nothing
  let downloads = 0
  page.on('download', () => downloads++)
  await page.getByRole('button', { name: '保存PDF' }).click()
  const ask = page.getByRole('dialog').filter({ hasText: '这份协议与另一台电脑上确认的不同' })
  await expect(ask).toContainText('仍要打印（保存）本机的这一份吗')
  await shot(page, 'sync-agreement-finalised-elsewhere-print', 900)
  await ask.getByRole('button', { name: '取消' }).click()
  await expect(ask).toHaveCount(0)
  // 仍然继续 saves it (the mediator has checked)
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '保存PDF' }).click()
  await animationsEnded(page) // the question has grown in: a click in its first frames misses
  await page.getByRole('dialog').getByRole('button', { name: '仍然继续' }).click()
  expect((await downloading).suggestedFilename()).toMatch(/\.pdf$/)
  expect(downloads).toBe(1)

  // 本案文书 asks the same before the agreement (or the case file holding it) leaves the app; by keyboard
  await page.getByRole('button', { name: '本案文书' }).click()
  const drawer = page.getByRole('dialog').filter({ hasText: '本案文书' })
  await drawer.getByRole('button', { name: '保存PDF：人民调解协议书' }).focus()
  await page.keyboard.press('Enter')
  const askAgain = page.getByRole('dialog').filter({ hasText: '这份协议与另一台电脑上确认的不同' })
  await expect(askAgain).toContainText('仍要打印（保存）本机的这一份吗')
  await page.keyboard.press('Escape')
  await expect(askAgain).toHaveCount(0)
  await drawer.getByRole('button', { name: '保存PDF：人民调解卷宗' }).click()
  await expect(askAgain).toBeVisible()
  await askAgain.getByRole('button', { name: '取消' }).click()
  await expect(askAgain).toHaveCount(0)
  expect(downloads).toBe(1)
  // a document without the agreement's terms is not asked about
  const notice = page.waitForEvent('download')
  await drawer.getByRole('button', { name: '保存PDF：人民调解受理登记表' }).click()
  expect((await notice).suggestedFilename()).toMatch(/\.pdf$/)
  expect(downloads).toBe(2)
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()

  // the same question in 大字模式, asked from 本案文书: axe passes, nothing in it is cut off
  const largeText = page.getByRole('switch', { name: '大字模式' })
  await page.getByText('大字模式', { exact: true }).click()
  await expect(largeText).toHaveAttribute('aria-checked', 'true')
  await page.getByRole('button', { name: '本案文书' }).click()
  // the drawer's own text grows too (it sits under <body>, outside the app): the names of the documents
  // and the reasons beside them are drawn at the page's size, not at Naive's fixed 14px
  await expect(drawer.locator('th').filter({ hasText: /^人民调解协议书$/ })).toBeVisible()
  const textSizes = await drawer.evaluate((d) => {
    const size = (e: Element | null) => (e ? parseFloat(getComputedStyle(e).fontSize) : 0)
    return {
      page: size(document.documentElement),
      name: size(d.querySelector('th')),
      note: size(d.querySelector('td.note')),
      title: size(d.querySelector('.n-drawer-header__main')),
    }
  })
  expect(textSizes.page).toBe(18)
  expect(textSizes.name).toBe(18)
  expect(textSizes.note).toBeGreaterThanOrEqual(16)
  expect(textSizes.title).toBeGreaterThan(textSizes.name)
  // the drawer is modal: what it lays its mask over is not part of the check
  await animationsEnded(page)
  const drawerViolations = await blockingViolations(page, '本案文书·其他电脑已确认·大字模式', ['.n-drawer'])
  expect(drawerViolations, drawerViolations.join('\n')).toEqual([])
  await drawer.getByRole('button', { name: '保存PDF：人民调解协议书' }).click()
  await expect(askAgain).toContainText('仍要打印（保存）本机的这一份吗')
  // nothing in the question is cut off: its text and buttons fit their boxes
  const cut = await askAgain.evaluate((q) =>
    [q, ...q.querySelectorAll('.n-dialog__title, .n-dialog__content, button')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      .map((e) => e.outerHTML.slice(0, 80)),
  )
  expect(cut).toEqual([])
  // it widens with the text (446px at the normal size; measured once it has grown in), so its title keeps to
  // one line, and it fits the window
  await expect.poll(async () => (await askAgain.boundingBox())?.width).toBeGreaterThan(446 * 1.15)
  const box = (await askAgain.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(1280)
  const title = askAgain.locator('.n-dialog__title')
  const titleLines = await title.evaluate((t) => {
    // the lines the words take (the icon beside them is left out)
    const tops = new Set<number>()
    for (const node of t.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top))
    }
    return tops.size
  })
  expect(titleLines).toBe(1)
  // the question has stopped growing and fading in: measured mid-animation, the drawer behind shows through
  // and axe reads it as overlapped (a CI run failed so). The question is checked, not the drawer it dims
  // with its mask (checked above): axe rightly finds the drawer's texts under the mask, and so failed this
  // test whenever the agreement page behind lay so that its color-contrast rule did not crash
  await animationsEnded(page)
  const largeViolations = await blockingViolations(page, '本案文书·协议与另一台电脑上的不同·大字模式', ['.n-dialog'])
  expect(largeViolations, largeViolations.join('\n')).toEqual([])
  await shot(page, 'sync-agreement-documents-question-large', 900)
  await askAgain.getByRole('button', { name: '取消' }).click()
  await expect(askAgain).toHaveCount(0)
  expect(downloads).toBe(2)
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await page.getByText('大字模式', { exact: true }).click()
  await expect(largeText).toHaveAttribute('aria-checked', 'false')

  // 设置 → 同步 names the same agreement, with the app's reason
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click()
  await openTab(page, '同步')
  await expect(page.getByTestId('sync-turned-away')).toContainText(
    /已生效的协议不能修改：案件 \S+ 孙立新与周卫东劳务报酬纠纷 的协议（1 条）/,
  )
})
