import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { openTab, registerSimpleCase } from './helpers/cases'
import { idNumber } from './helpers/people'

const TITLE = '周桂兰与吴志强相邻排水纠纷'
const LOCAL_TITLE = '周桂兰与吴志强相邻排水及通行纠纷'
const APPLICANT_ID = idNumber('330102', '19580702', '062')

async function openTransferTab(page: Page) {
  await page.goto('/#/settings')
  await openTab(page, '数据交换')
}

const PASSPHRASE = '城关镇-Tiao-2026!'

/** A full (unmasked) export of every case, as the file another office would send back (always encrypted). */
async function exportFull(page: Page): Promise<string> {
  await page.getByText('完整导出：含完整身份证号和电话号码').click()
  await expect(page.getByText('（完整导出必须加密）')).toBeVisible()
  await page.getByLabel('导出密码', { exact: true }).fill(PASSPHRASE)
  await page.getByLabel('再次输入导出密码').fill(PASSPHRASE)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出文件' }).click(),
  ])
  await expect(page.getByTestId('export-result')).toContainText('已导出')
  return readFileSync(await download.path(), 'utf8')
}

// an office's machine runs on China time, as the comparison's times are
test.use({ timezoneId: 'Asia/Shanghai' })

/**
 * Registers a case, exports everything (unmasked), edits the case's title here, and imports the file:
 * one conflict on the case. Returns the case's address.
 */
async function importConflictingFile(page: Page): Promise<string> {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: TITLE,
    category: '邻里',
    applicant: { name: '周桂兰', idNumber: APPLICANT_ID, phone: '13600001111' },
    respondent: { name: '吴志强', phone: '13600002222' },
  })
  const caseUrl = page.url()

  await openTransferTab(page)
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（0）')
  const file = await exportFull(page)

  // the same case edited here after the file was made
  await page.goto(caseUrl)
  await openTab(page, '基本信息')
  await page.getByLabel('纠纷名称').fill(LOCAL_TITLE)
  await page.getByRole('button', { name: '保存修改' }).click()
  await expect(page.getByRole('heading', { name: LOCAL_TITLE })).toBeVisible()

  await openTransferTab(page)
  await page
    .getByLabel('选择导入文件')
    .setInputFiles({ name: 'from-centre.json', mimeType: 'application/json', buffer: Buffer.from(file) })
  await page.getByLabel('导入文件密码').fill(PASSPHRASE)
  await page.getByRole('button', { name: '解密并校验' }).click()
  const preview = page.getByLabel('导入预览')
  await expect(preview.locator('tr', { hasText: '合计' })).toHaveText(/合计\s*0\s*\d+\s*1/)
  await preview.getByRole('button', { name: '确认导入' }).click()
  await expect(page.getByTestId('import-result')).toContainText('冲突 1 条')
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（1）')
  return caseUrl
}

test('a conflict between a local edit and an imported file is compared side by side and settled', async ({ page }) => {
  const caseUrl = await importConflictingFile(page)
  // 工作台 says a choice is waiting, and takes the user to it
  await page.goto('/#/')
  const notice = page.getByRole('alert').filter({ hasText: '导入的数据有冲突待处理' })
  await expect(notice).toContainText('有 1 条记录')
  await shot(page, 'dashboard-conflict-notice')
  await notice.getByRole('button', { name: '去处理' }).click()
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（1）')
  await shot(page, 'settings-transfer-from-notice')
  const list = page.getByLabel('导入冲突')
  await expect(list.locator('tbody tr')).toHaveCount(1)
  await expect(list.locator('tbody tr').first()).toContainText('纠纷名称')
  await shot(page, 'conflicts-list')

  // the comparison: both versions of each differing field, side by side
  await list.getByRole('button', { name: /^比较：/ }).click()
  const dialog = page.getByRole('dialog', { name: '比较两个版本' })
  await expect(dialog).toBeVisible()
  const titleRow = dialog.getByRole('row', { name: /纠纷名称/ })
  await expect(titleRow.getByRole('cell').nth(0)).toHaveText(LOCAL_TITLE)
  await expect(titleRow.getByRole('cell').nth(1)).toHaveText(TITLE)
  await expect(dialog.getByRole('row', { name: /最后修改时间/ })).toBeVisible()
  // an empty field stored as '' on one side and left out on the other is no difference
  await expect(dialog.getByRole('row')).toHaveCount(3)
  await expect(dialog).not.toContainText(APPLICANT_ID)
  await expect(dialog.getByRole('button', { name: '保留本机' })).toBeEnabled()
  await shot(page, 'conflict-compare')

  await dialog.getByRole('button', { name: '采用导入' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('settle-result')).toContainText('已采用导入的版本')
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（0）')
  await expect(list.locator('tbody tr')).toHaveCount(0)
  await shot(page, 'conflicts-settled')
  // nothing waits any more: the notice is gone once 工作台's lists have loaded (the count comes before them)
  await page.goto('/#/')
  await expect(page.getByRole('region', { name: '转办待跟进' })).toContainText('转办待跟进（0）')
  await expect(page.getByText('导入的数据有冲突待处理')).toHaveCount(0)

  // the chosen value is the case's now, found by the list's search too, and the choice is on the record
  await page.goto(caseUrl)
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible()
  await page.goto('/#/cases')
  await page.getByLabel('搜索案件').fill('排水纠纷')
  await expect(page.getByLabel('案件列表').getByText(TITLE)).toBeVisible()
  await page.goto('/#/settings')
  await openTab(page, '审计日志')
  await expect(page.getByLabel('审计日志')).toContainText('导入冲突：采用导入')
  await page.getByRole('button', { name: '验证审计日志' }).click()
  await expect(page.getByTestId('audit-verdict')).toContainText('审计日志完整')
})

test('a conflict settled elsewhere meanwhile is refused with the reason, and nothing changes', async ({ page }) => {
  const caseUrl = await importConflictingFile(page)
  await page
    .getByLabel('导入冲突')
    .getByRole('button', { name: /^比较：/ })
    .click()
  const dialog = page.getByRole('dialog', { name: '比较两个版本' })
  await expect(dialog).toBeVisible()
  // another window settles it while this one still shows the comparison
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction('conflicts', 'readwrite')
          tx.objectStore('conflicts').clear()
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
  )
  await dialog.getByRole('button', { name: '采用导入' }).click()
  await expect(page.getByTestId('settle-error')).toContainText('这条冲突已经处理过或已不存在，没有作任何改动')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('conflict-count')).toHaveText('待处理的冲突（0）')
  await shot(page, 'conflict-refused')
  await page.goto(caseUrl)
  await expect(page.getByRole('heading', { name: LOCAL_TITLE })).toBeVisible()
})
