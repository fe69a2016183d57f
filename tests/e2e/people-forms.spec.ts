import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { choose, completeSetup, shot } from './helpers/setup'

/**
 * People the forms must fit: a Hong Kong resident with a 港澳居民来往内地通行证 and a 15-year-old with
 * a guardian, registered through the intake form (the minor's ID pasted with spaces and a full-width
 * Ｘ), accepted, mediated; the agreement checklist lets it print and the PDF has the guardian's line.
 * The Hong Kong resident gives a Hong Kong phone, pasted as +852 with spaces.
 */

const MINOR_ID = '11010520110501012X' // born 2011-05-01, female
const PASTED_MINOR_ID = '1101 0520 1105 0101 2Ｘ'

async function setDate(page: Page, label: string, date: string) {
  const input = page.locator(`[data-label="${label}"] input`)
  await input.fill(date)
  await input.press('Enter')
  await page.keyboard.press('Escape')
}

test('a Hong Kong party and a 15-year-old with a guardian: intake, checklist, agreement PDF', async ({ page }) => {
  test.setTimeout(240_000)
  await completeSetup(page)
  await page.getByRole('button', { name: '＋ 登记新案件' }).click()

  // 申请人: a Hong Kong resident, no 身份证
  await page.getByLabel('第1位当事人姓名').fill('何志强')
  await choose(page, '第1位当事人证件类型', '港澳居民来往内地通行证')
  await page.getByLabel('第1位当事人证件号码').fill('h1234 5678')
  await expect(page.getByLabel('第1位当事人证件号码')).toHaveValue('H12345678')
  await page.getByLabel('第1位当事人性别').getByText('男').click()
  await page.getByLabel('第1位当事人出生日期').fill('1985-03-02')
  await page.getByLabel('第1位当事人住址').fill('香港特别行政区九龙弥敦道1号')
  await page.getByLabel('第1位当事人电话').fill('+852 9123 4567')

  // 被申请人: 15 years old, her 身份证 pasted with spaces and a full-width Ｘ
  await page.getByLabel('第2位当事人姓名').fill('陈小雨')
  await page.getByLabel('第2位当事人身份证号').fill(PASTED_MINOR_ID)
  await expect(page.getByLabel('第2位当事人身份证号')).toHaveValue(MINOR_ID)
  await expect(page.getByText('已去掉空格，全角Ｘ已改为X')).toBeVisible()
  await expect(page.getByLabel('第2位当事人出生日期')).toHaveValue('2011-05-01')
  await expect(page.getByLabel('第2位当事人年龄')).toHaveText('年龄：15周岁')
  await page.getByLabel('第2位当事人住址').fill('城关镇建设路8号')
  await page.getByLabel('第2位当事人电话').fill('13900002222')
  await expect(page.getByText('陈小雨未满18周岁')).toBeVisible()
  await expect(page.getByRole('checkbox', { name: '涉及未成年人' })).toBeChecked()
  await page.getByRole('button', { name: '＋ 添加监护人' }).click()
  await page.getByLabel('第2位当事人的代理人1姓名').fill('陈建国')
  await page.getByLabel('第2位当事人的代理人1与当事人关系').fill('父亲')
  await page.getByLabel('第2位当事人的代理人1电话').fill('13900003333')
  await page.getByLabel('第2位当事人的代理人1身份证号').fill('110105197903030011')

  await choose(page, '纠纷类别', '劳动争议（含欠薪）')
  await page.getByLabel('纠纷名称').fill('何志强与陈小雨劳务报酬纠纷')
  await page.getByLabel('纠纷事实').fill('申请人为被申请人家做工三个月，被申请人一方拖欠报酬捌仟元。')
  await shot(page, 'people-forms-intake')
  await page.getByRole('button', { name: '保存登记' }).click()

  await page.getByRole('button', { name: '受理', exact: true }).click()
  await choose(page, '指派调解员', '李淑珺')
  await page.keyboard.press('Escape')
  await choose(page, '记录人', '王𠮷')
  await page.getByRole('button', { name: '确定受理' }).click()
  await expect(page.getByText('（2026）城关镇调字第001号').first()).toBeVisible()
  await expect(page.getByText('涉及未成年人').first()).toBeVisible()

  await page.locator('.n-tabs-tab__label', { hasText: /^当事人$/ }).click()
  await expect(page.getByText('港澳居民来往内地通行证', { exact: true })).toBeVisible()
  await expect(page.getByText('H*****678')).toBeVisible()
  await expect(page.getByText('+852****4567')).toBeVisible()
  await expect(page.getByText('15周岁', { exact: true })).toBeVisible()
  await expect(page.getByText('陈建国（法定代理人，父亲）')).toBeVisible()
  await shot(page, 'people-forms-parties')

  await page.getByRole('button', { name: '开始调解', exact: true }).click()
  await page.getByRole('button', { name: '确定开始调解' }).click()
  await expect(page.getByText('调解中').first()).toBeVisible()

  await page.locator('.n-tabs-tab__label', { hasText: /^协议$/ }).click()
  await page.locator('.agreement-slot').getByRole('button', { name: '拟定书面协议' }).click()
  await expect(page.getByRole('heading', { name: '人民调解协议书' })).toBeVisible()
  await expect(page.getByText('第1版 · 草稿')).toBeVisible()
  await choose(page, '条款模板', '欠薪（劳动报酬）')
  await page.getByRole('button', { name: '套用模板' }).click()
  await page.getByLabel('第一条事项').fill('支付拖欠的劳务报酬')
  await page.getByLabel('第一条金额', { exact: true }).fill('8000')
  await setDate(page, '第一条履行期限', '2026-12-31')
  await setDate(page, '第二条履行期限', '2026-12-31')
  await page.getByLabel('履行方式、时限').fill('被申请人的监护人将款项转入申请人本人银行账户。')

  // the checklist accepts the permit (no 缺少身份证号) and the minor's guardian: nothing blocks
  const checklist = page.getByRole('region', { name: '打印前检查' })
  await expect(checklist.locator('[data-level="block"]')).toHaveCount(0)
  await expect(checklist).not.toContainText('缺少身份证号')
  await expect(checklist).not.toContainText('监护人')
  await expect(page.getByRole('status', { name: '保存状态' })).toContainText('已保存')
  await shot(page, 'people-forms-checklist')

  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '保存PDF' }).click()
  const download = await downloading
  const file = '/tmp/shots/people-forms-agreement.pdf'
  await download.saveAs(file)
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '')
  expect(text).toContain('港澳居民来往内地通行证号码H12345678')
  expect(text).toContain(`公民身份号码${MINOR_ID}`)
  expect(text).toContain('法定代理人：陈建国（陈小雨的父亲）')
  // once in the parties' block, once in the signature table on the line after the minor's
  const guardianLine = '法定代理人：陈建国（陈小雨的父亲）'
  expect(text.split(guardianLine)).toHaveLength(3)
  expect(text.lastIndexOf(guardianLine)).toBeGreaterThan(text.lastIndexOf('被申请人：陈小雨'))
})
