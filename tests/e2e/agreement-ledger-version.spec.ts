import { expect, test, type Page } from '@playwright/test'
import { draftAgreement, fillClauses } from './helpers/agreementDraft'
import { openTab } from './helpers/cases'
import { blockingViolations } from './helpers/axe'
import { shot } from './helpers/setup'

const indicator = (page: Page) => page.getByRole('status', { name: '保存状态' })

async function openBackupTab(page: Page) {
  await page.goto('/#/settings')
  await openTab(page, '备份与恢复')
}

/** 确认生效并锁定 on paper, with no seal set: the two questions answered as a mediator would. */
async function lockOnPaper(page: Page) {
  await page.getByRole('button', { name: '确认生效并锁定' }).click()
  const sealQuestion = page.getByRole('dialog').filter({ hasText: '还没有设置委员会印章' })
  await sealQuestion.getByRole('button', { name: '继续不加印章' }).click()
  const confirm = page.getByRole('dialog').filter({ hasText: '确认协议生效并锁定' })
  await confirm.getByText('各方已在打印的协议上签名').click()
  await confirm.getByRole('button', { name: '确认生效并锁定' }).click()
}

/**
 * The signing ledger lives outside the database and its backups: 第1版 finalised after the backup stays in
 * it when the backup is restored. Confirming other terms for the restored draft then finalises 第2版 (never
 * a second 第1版), and the page says so once.
 */
test('after restoring a backup from before 第1版 was finalised, other terms are finalised as 第2版 and the page says why', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const caseId = await draftAgreement(page)
  await fillClauses(page)

  await openBackupTab(page)
  await expect(page.getByText('还没有备份。点“立即备份”做第一份。')).toBeVisible()
  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByTestId('backup-result')).toContainText('备份完成并已校验')

  await page.goto(`/#/cases/${caseId}/agreement`)
  await lockOnPaper(page)
  await expect(page.getByText('第1版 · 已生效（锁定）')).toBeVisible()
  await expect(page.getByTestId('agreement-finalise-notice')).toHaveCount(0)

  await openBackupTab(page)
  await page
    .getByTestId('backup-list')
    .locator('tr', { hasText: '手动备份' })
    .getByRole('button', { name: '从此备份恢复' })
    .click()
  await page.getByLabel('恢复预览').getByRole('button', { name: '确认恢复' }).click()
  await expect(page.getByText('数据已恢复')).toBeVisible()
  await page.getByRole('button', { name: '进入工作台' }).click()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()

  await page.goto(`/#/cases/${caseId}/agreement`)
  await expect(page.getByText('第1版 · 草稿')).toBeVisible()
  await page.getByLabel('第一条金额', { exact: true }).fill('7000')
  await expect(indicator(page)).toContainText('已保存')
  await lockOnPaper(page)
  await expect(page.getByTestId('agreement-finalise-notice')).toContainText(
    '第1版已在签发登记簿中登记过其他内容（可能是恢复备份前或另一次确认时签发的），本次确认为第2版。',
  )
  await expect(page.getByText('第2版 · 已生效（锁定）')).toBeVisible()
  await expect(page.getByText(/确认生效并锁定，核验码 [0-9A-Z]{5}-[0-9A-Z]{5}/)).toBeVisible()
  const violations = await blockingViolations(page, '协议·改为下一版本确认')
  expect(violations, violations.join('\n')).toEqual([])
  await page.getByTestId('agreement-finalise-notice').scrollIntoViewIfNeeded()
  await shot(page, 'agreement-ledger-version-notice', 900)

  // by keyboard: Tab from 本案文书 (the last control above it) reaches the notice's ×, named in Chinese
  const notice = page.getByTestId('agreement-finalise-notice')
  await page.getByRole('button', { name: '本案文书' }).focus()
  await page.keyboard.press('Tab')
  const close = notice.getByRole('button', { name: '关闭' })
  await expect(close).toBeFocused()
  // Enter closes it, and focus goes on to what follows: the line saying the agreement is locked, not the page
  await page.keyboard.press('Enter')
  await expect(notice).toHaveCount(0)
  const locked = page.getByTestId('agreement-locked')
  await expect(locked).toBeFocused()
  await expect(locked).toContainText(/确认生效并锁定，核验码 [0-9A-Z]{5}-[0-9A-Z]{5}/)
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false)
  // and Tab goes on from there into the page, not back to its top
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.closest('.agreement-page') !== null)).toBe(true)
})
