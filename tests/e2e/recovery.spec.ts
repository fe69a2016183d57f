import { expect, test } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { openTab, registerSimpleCase } from './helpers/cases'

test('the recovery screen appears when the database is gone but backups exist, and restores it', async ({ page }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '周桂兰与吴志强相邻排水纠纷',
    category: '邻里',
    applicant: { name: '周桂兰' },
    respondent: { name: '吴志强' },
  })
  await page.goto('/#/settings')
  await openTab(page, '备份与恢复')
  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByTestId('backup-result')).toContainText('备份完成并已校验')

  // the main database disappears (a reset LevelDB store); backups live in their own database
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('mediation-room')
        request.onsuccess = () => resolve()
        request.onerror = () => reject(request.error)
      }),
  )
  await page.goto('/#/')
  await page.reload()

  await expect(page.getByText('需要从备份恢复数据')).toBeVisible()
  await expect(page.getByTestId('recovery-reason')).toContainText('应有 1 件')
  // never a silent fresh start: no first-run setup, no dashboard
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toHaveCount(0)
  await page.goto('/#/cases')
  await expect(page.getByText('需要从备份恢复数据')).toBeVisible()
  await shot(page, 'recovery')

  await page
    .getByTestId('backup-list')
    .locator('tr', { hasText: '手动备份' })
    .getByRole('button', { name: '从此备份恢复' })
    .click()
  await expect(page.getByLabel('恢复预览')).toBeVisible()
  await shot(page, 'recovery-preview')
  await page.getByRole('button', { name: '确认恢复' }).click()
  await expect(page.getByText('数据已恢复')).toBeVisible()
  await page.getByRole('button', { name: '进入工作台' }).click()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
  await page.goto('/#/cases')
  await expect(page.getByLabel('案件列表').getByText('周桂兰与吴志强相邻排水纠纷')).toBeVisible()
})

test('a database written by a newer version is not opened, changed or replaced: the recovery screen says why', async ({
  page,
}) => {
  await completeSetup(page)
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const removal = indexedDB.deleteDatabase('mediation-room')
        removal.onerror = () => reject(removal.error)
        removal.onsuccess = () => {
          // what a future schema (Dexie version 100) would leave behind
          const open = indexedDB.open('mediation-room', 1000)
          open.onupgradeneeded = () => open.result.createObjectStore('cases', { keyPath: 'id' })
          open.onsuccess = () => {
            open.result.close()
            resolve()
          }
          open.onerror = () => reject(open.error)
        }
      }),
  )
  await page.reload()
  await expect(page.getByText('需要从备份恢复数据')).toBeVisible()
  await expect(page.getByTestId('recovery-reason')).toContainText('数据库无法打开')
  await expect(page.getByTestId('recovery-reason')).toContainText('更新版本的调解室')
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toHaveCount(0)
  // restoring over a newer release's data could lose what it wrote: no restore is offered
  await expect(page.getByRole('button', { name: '从此备份恢复' })).toHaveCount(0)
  await shot(page, 'recovery-newer-version')
  const version = await page.evaluate(
    async () => (await indexedDB.databases()).find((d) => d.name === 'mediation-room')?.version,
  )
  expect(version).toBe(1000)
})

test('the recovery screen’s confirmations come from a restore that happened, never from the address alone', async ({
  page,
}) => {
  await completeSetup(page)
  // typed, bookmarked or sent as a link: no restore and no undo took place
  await page.goto('/#/recovery?restored=1')
  await expect(page.getByText('数据完好')).toBeVisible()
  await expect(page.getByText('数据已恢复')).toHaveCount(0)
  await expect(page.getByRole('button', { name: '撤销恢复' })).toHaveCount(0)
  await page.goto('/#/recovery?undone=1')
  await page.reload()
  await expect(page.getByText('数据完好')).toBeVisible()
  await expect(page.getByText('已撤销恢复')).toHaveCount(0)
})
