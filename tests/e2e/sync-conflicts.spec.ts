import { expect, test, type Page } from '@playwright/test'
import { todayInChina } from '../../src/domain/dates'
import type { CaseDocument } from '../../src/domain/syncFields'
import { blockingViolations } from './helpers/axe'
import { completeSetup, shot } from './helpers/setup'
import { openTab } from './helpers/cases'
import { seedCases } from './helpers/seed'
import { clearSyncConflicts, replicated, seedSyncConflict, storedRow } from './helpers/syncConflicts'
import type { CaseRecord } from '../../src/domain/types'
import { animationsEnded } from './helpers/animations'

/**
 * Conflicts from sync (the same case changed here and on another PC of the committee) in 设置 → 数据交换's
 * conflict list beside the import conflicts: compared field by field, 保留本机 (queued to go to the server
 * as the next revision of its version) or 采用对方 (the server's version taken), each once, each in the
 * audit log. The conflicts are written into the page's store as a round of sync records them.
 */

// an office's machine runs on China time, as the comparison's times are
test.use({ timezoneId: 'Asia/Shanghai' })

const GONE = '这条冲突已经处理过或已不存在，没有作任何改动。'
const ARCHIVED_TAKE_REMOTE =
  '本机的案件已归档，不能用对方的版本替换，本机版本保持不变。可以选择“保留本机”；如需采用对方的版本，请先“重新打开”案件并说明理由。'

/** The other PC's version of a case: its title and facts changed, saved later. */
function otherPcVersion(local: CaseDocument, n: number): CaseDocument {
  return {
    ...local,
    title: `${local.title}（另一台电脑改）`,
    facts: `相邻通行纠纷。另一台电脑补充了第${n}次调解的经过。`,
    updatedAt: '2026-12-03T06:30:00.000Z',
  }
}

/** Two cases, each with a sync conflict waiting; returns their local versions. */
async function twoSyncConflicts(page: Page, over: Partial<CaseRecord> = {}): Promise<CaseDocument[]> {
  await completeSetup(page)
  const locals = (await seedCases(page, 2, todayInChina(), over)).map(replicated)
  for (const [i, local] of locals.entries()) {
    await seedSyncConflict(page, {
      recordId: local.id,
      local,
      remote: otherPcVersion(local, i + 1),
      remoteRev: `${i + 3}-8f2c0a`,
      detectedAt: `2026-12-03T07:0${i}:00.000Z`,
    })
  }
  return locals
}

async function openTransferTab(page: Page) {
  await page.goto('/#/settings')
  await openTab(page, '数据交换')
}

test('sync conflicts are listed and counted, compared, and settled once each: 保留本机 and 采用对方', async ({
  page,
}) => {
  const [first, second] = await twoSyncConflicts(page)

  // 工作台 counts them with the import conflicts (read when it opens: the seeding came after setup's 工作台)
  await page.goto('/#/cases')
  await expect(page.getByRole('heading', { name: '案件', exact: true })).toBeVisible()
  await page.goto('/#/')
  const notice = page.getByRole('alert').filter({ hasText: '同步或导入的数据有冲突待处理' })
  await expect(notice).toContainText('有 2 条记录')
  await notice.getByRole('button', { name: '去处理' }).click()

  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（2）')
  const list = page.getByLabel('同步和导入冲突')
  const rows = list.locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toContainText('同步')
  await expect(rows.first()).toContainText('另一台电脑（经同步服务器）')
  await expect(rows.first()).toContainText('纠纷名称、纠纷事实、最后修改时间')
  await expect(rows.first()).toContainText('2026-12-03 14:30:00')
  await expect(page.getByTestId('conflict-explanation')).toContainText('“采用对方”')
  await expect(page.getByTestId('conflict-explanation')).not.toContainText('采用导入')
  await shot(page, 'sync-conflicts-list')

  // the comparison: 本机版本 beside 对方版本, and the choices named for sync
  await list.getByRole('button', { name: `比较：未受理 ${first!.title} 的案件` }).click()
  const dialog = page.getByRole('dialog', { name: '比较两个版本' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('columnheader')).toHaveText(['字段', '本机版本', '对方版本'])
  const titleRow = dialog.getByRole('row', { name: /纠纷名称/ })
  await expect(titleRow.getByRole('cell').nth(0)).toHaveText(first!.title)
  await expect(titleRow.getByRole('cell').nth(1)).toHaveText(`${first!.title}（另一台电脑改）`)
  await expect(dialog).toContainText('对方版本来自另一台电脑（经同步服务器），保存于 2026-12-03 14:30:00')
  await expect(dialog.getByRole('button', { name: '保留本机' })).toBeEnabled()
  await expect(dialog.getByRole('button', { name: '采用对方' })).toBeEnabled()
  await shot(page, 'sync-conflicts-compare')

  await dialog.getByRole('button', { name: '保留本机' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('settle-result')).toContainText('已保留本机的版本，下次同步时发到服务器')
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（1）')
  // ours goes to the server on the next round, as the next revision of the server's
  expect(await storedRow(page, 'syncConflicts', first!.id)).toBeNull()
  expect(await storedRow(page, 'syncRevs', first!.id)).toEqual({ id: first!.id, rev: '3-8f2c0a' })
  expect(await storedRow(page, 'syncOutbox', first!.id)).not.toBeNull()

  await list.getByRole('button', { name: `比较：未受理 ${second!.title} 的案件` }).click()
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: '采用对方' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('settle-result')).toContainText('已采用对方的版本')
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（0）')
  await shot(page, 'sync-conflicts-settled')
  // the server's version is the case here now, equal to the server's: nothing to send
  expect(await storedRow(page, 'syncRevs', second!.id)).toEqual({ id: second!.id, rev: '4-8f2c0a' })
  expect(await storedRow(page, 'syncOutbox', second!.id)).toBeNull()
  await page.goto(`/#/cases/${second!.id}`)
  await expect(page.getByRole('heading', { name: `${second!.title}（另一台电脑改）` })).toBeVisible()
  await page.goto(`/#/cases/${first!.id}`)
  await expect(page.getByRole('heading', { name: first!.title, exact: true })).toBeVisible()

  // nothing waits any more
  await page.goto('/#/')
  await expect(page.getByRole('region', { name: '转办待跟进' })).toContainText('转办待跟进（0）')
  await expect(page.getByText('同步或导入的数据有冲突待处理')).toHaveCount(0)

  // both choices are on the record, and the chain holds
  await page.goto('/#/settings')
  await openTab(page, '审计日志')
  await expect(page.getByLabel('审计日志')).toContainText('同步冲突：保留本机')
  await expect(page.getByLabel('审计日志')).toContainText('同步冲突：采用对方')
  await page.getByRole('button', { name: '验证审计日志' }).click()
  await expect(page.getByTestId('audit-verdict')).toContainText('审计日志完整')
})

test('a sync conflict settled in another window meanwhile is refused with the reason, and nothing changes', async ({
  page,
}) => {
  const [first] = await twoSyncConflicts(page)
  await openTransferTab(page)
  await page
    .getByLabel('同步和导入冲突')
    .getByRole('button', { name: `比较：未受理 ${first!.title} 的案件` })
    .click()
  const dialog = page.getByRole('dialog', { name: '比较两个版本' })
  await expect(dialog).toBeVisible()
  await clearSyncConflicts(page)
  await dialog.getByRole('button', { name: '采用对方' }).click()
  await expect(page.getByTestId('settle-error')).toContainText(GONE)
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（0）')
  await shot(page, 'sync-conflicts-refused')
  await page.goto(`/#/cases/${first!.id}`)
  await expect(page.getByRole('heading', { name: first!.title, exact: true })).toBeVisible()
})

test('采用对方 is not offered for a case archived here: the reason is shown, 保留本机 settles it', async ({ page }) => {
  // archived here (seeded so: the lifecycle's steps to 归档 are not what is tested)
  const [first] = await twoSyncConflicts(page, { status: 'archived', archivedAt: '2026-12-01T02:00:00.000Z' })
  await openTransferTab(page)
  const list = page.getByLabel('同步和导入冲突')
  await expect(list.locator('tbody tr').first()).toContainText('（已归档）')
  await list.getByRole('button', { name: `比较：未受理 ${first!.title} 的案件` }).click()
  const dialog = page.getByRole('dialog', { name: '比较两个版本' })
  await expect(dialog.getByTestId('settle-refusal')).toHaveText(ARCHIVED_TAKE_REMOTE)
  await expect(dialog.getByRole('button', { name: '采用对方' })).toBeDisabled()
  await expect(dialog.getByRole('button', { name: '保留本机' })).toBeEnabled()
  await shot(page, 'sync-conflicts-archived')
  await dialog.getByRole('button', { name: '保留本机' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（1）')
  expect(await storedRow(page, 'syncOutbox', first!.id)).not.toBeNull()
})

test('a case waiting on a sync conflict says so on its page, leads to the comparison, and stops once settled', async ({
  page,
}) => {
  const [second, first] = await twoSyncConflicts(page)
  await page.goto(`/#/cases/${first!.id}`)
  await expect(page.getByRole('heading', { name: first!.title, exact: true })).toBeVisible()
  const notice = page.getByTestId('case-conflict-notice')
  await expect(notice).toContainText('这个案件有冲突待处理')
  await expect(notice).toContainText('对方的内容也保存着，没有丢')
  await shot(page, 'case-conflict-notice', 900)
  // axe over the page with the notice, in normal size and in 大字模式, once the passing 设置已保存 has gone and
  // nothing moves (measured mid-fade or mid-growth, text reads as overlapped)
  const settled = async () => {
    await expect(page.locator('.n-message')).toHaveCount(0)
    await animationsEnded(page)
  }
  await settled()
  const violations = await blockingViolations(page, '案件页·有冲突待处理')
  expect(violations, violations.join('\n')).toEqual([])
  await page.getByText('大字模式', { exact: true }).click()
  await expect(page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
  await expect(notice.getByRole('button', { name: '去比较' })).toBeInViewport({ ratio: 1 })
  await settled()
  const largeViolations = await blockingViolations(page, '案件页·有冲突待处理·大字模式')
  expect(largeViolations, largeViolations.join('\n')).toEqual([])
  await shot(page, 'case-conflict-notice-large-text', 900)

  // straight to this case's comparison, not to the list's first
  await notice.getByRole('button', { name: '去比较' }).click()
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（2）')
  const dialog = page.getByRole('dialog', { name: '比较两个版本' })
  await expect(
    dialog
      .getByRole('row', { name: /纠纷名称/ })
      .getByRole('cell')
      .nth(0),
  ).toHaveText(first!.title)
  await dialog.getByRole('button', { name: '保留本机' }).click()
  await expect(dialog).toBeHidden()

  // settled: its page says nothing more; the other case still waits and says so
  await page.goto(`/#/cases/${first!.id}`)
  await expect(page.getByRole('heading', { name: first!.title, exact: true })).toBeVisible()
  await page.goto(`/#/cases/${second!.id}`)
  await expect(page.getByRole('heading', { name: second!.title, exact: true })).toBeVisible()
  await expect(notice).toBeVisible()
  await page.goto(`/#/cases/${first!.id}`)
  await expect(page.getByRole('heading', { name: first!.title, exact: true })).toBeVisible()
  await expect(notice).toHaveCount(0)
})
