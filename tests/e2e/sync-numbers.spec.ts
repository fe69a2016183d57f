import { expect, test, type Page } from '@playwright/test'
import { chooseMany, completeSetup, shot } from './helpers/setup'
import { confirmAction, registerSimpleCase, startAction } from './helpers/cases'

/**
 * A PC that shares cases (its numbering state present, src/db/sync/numberingState.ts) but holds no free
 * number, offline, still accepts a case: the case reads 待编号 on its page and in the list, and its documents
 * that print the number wait for it (src/domain/syncNumbering.ts).
 */

/**
 * The numbering state as a PC has it right after joining, with no block yet, written straight into the
 * app's IndexedDB. A clear settings row: the app reads records from before sealing as they are.
 */
async function seedSyncNumbering(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction(['settings'], 'readwrite')
          tx.objectStore('settings').put({
            key: 'sync.numbering',
            value: { local: { deviceId: 'e2e-desk', blocks: [], pending: {} }, waiting: [], raised: [] },
            updatedAt: new Date().toISOString(),
          })
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
          tx.onabort = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
  )
}

test('accepted offline without a number to give, a case reads 待编号 on its page and in the list', async ({ page }) => {
  test.setTimeout(120_000)
  await completeSetup(page)
  await seedSyncNumbering(page)

  await registerSimpleCase(page, {
    title: '钱慧敏与孙立军相邻通行纠纷',
    category: '邻里',
    applicant: { name: '钱慧敏', phone: '13300003333' },
    respondent: { name: '孙立军', phone: '13300004444' },
  })
  // no network from here: the acceptance never waits for one
  await page.context().setOffline(true)
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')

  const header = page.locator('.case-header')
  await expect(header.locator('.case-no')).toHaveText('待编号')
  await expect(header.getByText('已受理')).toBeVisible()
  // the browser build loads its document code over http from the test server (Electron from disk)
  await page.context().setOffline(false)

  // documents that print the number say why they wait; the 申请书 can still be made
  await page.getByRole('button', { name: '本案文书' }).click()
  const drawer = page.getByRole('dialog').filter({ hasText: '本案文书' })
  const registration = drawer.locator('tr[data-kind="registration"]')
  await expect(registration).toContainText('案件编号待同步后生成')
  await expect(registration.getByRole('button', { name: /预览/ })).toBeDisabled()
  await expect(drawer.getByRole('button', { name: '预览：人民调解申请书' })).toBeEnabled()
  // what the case cannot have yet keeps its own reason
  await expect(drawer.locator('tr[data-kind="rejection"]')).toContainText('只有不予受理的案件才有此通知书')
  await shot(page, 'sync-numbers-case-documents', 1100)
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await shot(page, 'sync-numbers-case-page', 900)

  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  const table = page.getByLabel('案件列表')
  const row = table.locator('tbody tr').filter({ hasText: '钱慧敏与孙立军相邻通行纠纷' })
  await expect(row).toContainText('待编号')
  await expect(row).not.toContainText('未受理')
  await shot(page, 'sync-numbers-case-list', 900)
})
