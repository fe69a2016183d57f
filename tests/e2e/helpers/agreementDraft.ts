import { expect, type Page } from '@playwright/test'
import { choose, chooseMany, completeSetup } from './setup'
import { confirmAction, registerSimpleCase, simpleAction, startAction } from './cases'
import { idNumber } from './people'

/**
 * A wage case in 调解中 (its 纠纷事实 `facts` when given) with a draft agreement open, from the 欠薪
 * template; returns the case id.
 */
export async function draftAgreement(page: Page, facts?: string): Promise<string> {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '孙立新与周卫东劳务报酬纠纷',
    facts,
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

/**
 * Fills what the 欠薪 template leaves open in the first clauses (both 履行期限, 第一条's 事项 and 金额) and the
 * 履行方式、时限, as a mediator does, and waits until nothing blocks printing and the draft is saved: ready to
 * lock.
 */
export async function fillClauses(page: Page) {
  await typeDate(page, '第一条履行期限', '2027-01-10')
  await typeDate(page, '第二条履行期限', '2027-01-10')
  await page.getByLabel('第一条事项').fill('支付拖欠的2026年6月至8月劳务报酬')
  await page.getByLabel('第一条金额', { exact: true }).fill('8000')
  await page.getByLabel('履行方式、时限').fill('被申请人将款项转入申请人本人银行账户。')
  await expect(page.getByRole('region', { name: '打印前检查' }).locator('[data-level="block"]')).toHaveCount(0)
  await expect(page.getByRole('status', { name: '保存状态' })).toContainText('已保存')
}

/** The input of a date field (DateField), by its label. */
export const dateField = (page: Page, label: string) => page.locator(`[data-label="${label}"] input`)

/** Types a date and presses Enter, as a mediator does. */
export async function typeDate(page: Page, label: string, date: string) {
  await dateField(page, label).fill(date)
  await dateField(page, label).press('Enter')
  await page.keyboard.press('Escape')
}
