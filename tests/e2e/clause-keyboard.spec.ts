import { expect, test } from '@playwright/test'
import { dateField, draftAgreement } from './helpers/agreementDraft'
import { blockingViolations } from './helpers/axe'

/**
 * A clause's 履行期限 worked by the keyboard alone, as a mediator who tabs from box to box does: Tab stops on
 * the date box, which says which date it is, and typing writes the date straight away (naive-ui's box wants
 * Enter first); Space opens the month.
 */
test('Tab to 第一条履行期限, type the date, Enter: written and read in the clause', async ({ page }) => {
  test.setTimeout(120_000)
  await draftAgreement(page)
  await page.getByLabel('第一条金额', { exact: true }).focus()

  // 金额 → 方式 → 履行期限
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('group', { name: '第一条履行期限' })).toBeFocused()

  await page.keyboard.type('2027-01-10')
  await expect(dateField(page, '第一条履行期限')).toHaveValue('2027-01-10')
  await page.keyboard.press('Enter')
  const clause = page.getByRole('region', { name: '第一条' })
  await expect(clause.locator('.reads')).toContainText('周卫东于2027年1月10日前')
  await expect(page.getByRole('group', { name: '第一条履行期限' })).toBeFocused()

  // Space opens the month, as on a button, and the open month passes axe
  await page.keyboard.press('Space')
  await expect(page.locator('.n-date-panel')).toBeVisible()
  expect(await blockingViolations(page, '协议·键盘打开的日历')).toEqual([])
  await page.keyboard.press('Escape')
  await expect(page.locator('.n-date-panel')).toBeHidden()

  // moved below the second clause, the box is renamed with its clause
  await clause.getByRole('button', { name: '下移' }).click()
  await expect(page.getByRole('textbox', { name: '第二条履行期限' })).toHaveValue('2027-01-10')
  await expect(page.getByRole('textbox', { name: '第一条履行期限' })).toHaveValue('')
  await expect(page.getByRole('group', { name: '第二条履行期限' })).toBeVisible()
})
