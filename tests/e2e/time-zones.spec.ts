import { execFileSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { dateField, draftAgreement, typeDate } from './helpers/agreementDraft'
import { blockingViolations } from './helpers/axe'
import { completeSetup, shot } from './helpers/setup'

/**
 * On a PC not set to China time, a date typed into 履行期限 is the date the field shows, the date kept
 * (after a reload) and the date the agreement prints (the clause line and the saved PDF).
 */

for (const timezoneId of ['Asia/Urumqi', 'UTC']) {
  test.describe(`a PC set to ${timezoneId}`, () => {
    test.use({ timezoneId })

    test('the 履行期限 typed is the one shown, kept and printed', async ({ page }) => {
      test.setTimeout(180_000)
      // the browser really runs on that clock: China midnight is still the day before there
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId)
      await draftAgreement(page)

      await typeDate(page, '第一条履行期限', '2027-01-10')
      await typeDate(page, '第二条履行期限', '2027-01-10')
      await expect(dateField(page, '第一条履行期限')).toHaveValue('2027-01-10')
      const clause = page.getByRole('region', { name: '第一条' })
      await expect(clause.locator('.reads')).toContainText('周卫东于2027年1月10日前以银行转账方式向孙立新')

      await page.getByLabel('第一条事项').fill('支付拖欠的2026年6月至8月劳务报酬')
      await page.getByLabel('第一条金额', { exact: true }).fill('8000')
      await page.getByLabel('履行方式、时限').fill('被申请人将款项转入申请人本人银行账户。')
      await expect(page.getByRole('status', { name: '保存状态' })).toContainText('已保存')

      // kept: read back from the database after a reload, the field still shows the typed day
      await page.reload()
      await expect(dateField(page, '第一条履行期限')).toHaveValue('2027-01-10')
      await expect(dateField(page, '第二条履行期限')).toHaveValue('2027-01-10')

      // printed: the saved PDF has the same day
      const downloading = page.waitForEvent('download')
      await page.getByRole('button', { name: '保存PDF' }).click()
      const file = test.info().outputPath('agreement.pdf')
      await (await downloading).saveAs(file)
      const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '')
      expect(text).toContain('周卫东于2027年1月10日前以银行转账方式向孙立新')
      expect(text).not.toContain('2027年1月9日')
    })
  })
}

test.describe('a PC set to UTC at 01:30 China time, while its own date is still the day before', () => {
  test.use({ timezoneId: 'UTC' })

  test('a calendar’s 今天 writes China’s date, the one the app counts deadlines from', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-12-05T17:30:00Z'))
    await completeSetup(page)
    expect(await page.evaluate(() => new Date().getDate())).toBe(5)
    await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
    const from = page.getByLabel('登记起（日期）')
    await page.locator('.n-input', { has: from }).getByRole('button', { name: '从日历选日期' }).click()
    const month = page.locator('.n-date-panel')
    // Naive's dot for today would mark the PC's 5th: no mark, rather than a wrong one
    await expect(month.locator('.n-date-panel-date', { hasText: /^5$/ }).first()).toBeVisible()
    await expect(month.locator('.n-date-panel-date__sup')).toBeHidden()
    await shot(page, 'calendar-today-utc', 700)
    await month.getByRole('button', { name: '今天' }).click()
    await expect(from).toHaveValue('2026-12-06')
    await expect(month).toBeHidden()
  })
})

test.describe('a PC set to UTC at 01:30 China time: the drop-down calendar of 履行期限', () => {
  test.use({ timezoneId: 'UTC' })

  test('its 今天 writes China’s date once and closes; its month marks no wrong today', async ({ page }) => {
    test.setTimeout(120_000)
    await page.clock.setFixedTime(new Date('2026-12-05T17:30:00Z'))
    await draftAgreement(page)
    await dateField(page, '第一条履行期限').click()
    const month = page.locator('.n-date-panel')
    await expect(month.locator('.n-date-panel-date', { hasText: /^5$/ }).first()).toBeVisible()
    await expect(month.locator('.n-date-panel-date__sup')).toBeHidden()
    // opened: its fade-in over, so that the screenshot and axe see it as a person does
    await expect(page.locator('[class*="fade-in-scale-up-transition-enter"]')).toHaveCount(0)
    // the notes of the steps before (已受理, 已开始调解) gone: axe checks the calendar, not their fade-out
    await expect(page.locator('.n-message')).toHaveCount(0)
    await shot(page, 'calendar-dropdown-today-utc', 700)
    expect(await blockingViolations(page, '协议·履行期限的日历')).toEqual([])
    await month.getByRole('button', { name: '今天' }).click()
    await expect(month).toBeHidden()
    await expect(dateField(page, '第一条履行期限')).toHaveValue('2026-12-06')
    const clause = page.getByRole('region', { name: '第一条' })
    await expect(clause.locator('.reads')).toContainText('2026年12月6日前')

    // a day still takes a click beside its number, as wide as Naive's own click area (the box axe no
    // longer finds over the number is drawn by its ::before)
    await dateField(page, '第一条履行期限').click()
    const day20 = month.locator('.n-date-panel-date', { hasText: /^20$/ })
    const box = (await day20.boundingBox())!
    await day20.click({ position: { x: box.width + 5, y: box.height / 2 } })
    await expect(month).toBeHidden()
    await expect(dateField(page, '第一条履行期限')).toHaveValue('2026-12-20')
  })
})

test.describe('a PC set to China time at the same moment', () => {
  test.use({ timezoneId: 'Asia/Shanghai' })

  test('the calendar marks today, the day its 今天 writes', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-12-05T17:30:00Z'))
    await completeSetup(page)
    await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
    const from = page.getByLabel('登记起（日期）')
    await page.locator('.n-input', { has: from }).getByRole('button', { name: '从日历选日期' }).click()
    const month = page.locator('.n-date-panel')
    await expect(month.locator('.n-date-panel-date', { has: page.locator('.n-date-panel-date__sup') })).toHaveText('6')
    await month.getByRole('button', { name: '今天' }).click()
    await expect(from).toHaveValue('2026-12-06')
  })
})
