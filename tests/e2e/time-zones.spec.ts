import { execFileSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { dateField, draftAgreement, typeDate } from './helpers/agreementDraft'

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
