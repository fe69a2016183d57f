import { execFileSync } from 'node:child_process'
import { expect, test, type Page } from '@playwright/test'
import { chooseMany, choose, completeSetup } from './helpers/setup'
import { confirmAction, registerSimpleCase, simpleAction, startAction } from './helpers/cases'
import { idNumber } from './helpers/people'

/**
 * On a PC not set to China time, a date typed into 履行期限 is the date the field shows, the date kept
 * (after a reload) and the date the agreement prints (the clause line and the saved PDF).
 */

/** A wage case in 调解中 with a draft agreement open; returns the case id. */
async function draftAgreement(page: Page): Promise<string> {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '孙立新与周卫东劳务报酬纠纷',
    category: '劳动争议（含欠薪）',
    applicant: {
      name: '孙立新',
      idNumber: idNumber('650102', '19800101', '001'),
      phone: '13900001111',
      address: '乌鲁木齐市天山区解放南路1号',
    },
    respondent: {
      name: '周卫东',
      idNumber: idNumber('650102', '19790202', '003'),
      phone: '13900002222',
      address: '乌鲁木齐市天山区新华南路8号',
    },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')
  await simpleAction(page, '开始调解')
  const caseId = /#\/cases\/([^/?]+)/.exec(page.url())?.[1]
  if (!caseId) throw new Error(`no case id in ${page.url()}`)
  await page.goto(`/#/cases/${caseId}/agreement`)
  await page.getByRole('button', { name: '拟定书面协议' }).click()
  await expect(page.getByText('第1版 · 草稿')).toBeVisible()
  await choose(page, '条款模板', '欠薪（劳动报酬）')
  await page.getByRole('button', { name: '套用模板' }).click()
  return caseId
}

const dateField = (page: Page, label: string) => page.locator(`[data-label="${label}"] input`)

async function typeDate(page: Page, label: string, date: string) {
  await dateField(page, label).fill(date)
  await dateField(page, label).press('Enter')
  await page.keyboard.press('Escape')
}

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
