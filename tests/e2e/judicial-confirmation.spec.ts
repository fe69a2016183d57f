import { expect, test, type Page } from '@playwright/test'
import { choose, completeSetup, shot } from './helpers/setup'
import { openTab } from './helpers/cases'
import { idNumber } from './helpers/people'
import { animationsEnded } from './helpers/animations'

async function fillParty(page: Page, n: number, p: { name: string; id: string; address: string; phone: string }) {
  await page.getByLabel(`第${n}位当事人姓名`).fill(p.name)
  await page.getByLabel(`第${n}位当事人身份证号`).fill(p.id)
  await page.getByLabel(`第${n}位当事人住址`).fill(p.address)
  await page.getByLabel(`第${n}位当事人电话`).fill(p.phone)
}

async function sign(page: Page, who: string, name: string) {
  await page.getByRole('button', { name: `签名：${who}${name}` }).click()
  const pad = page.locator('canvas.pad')
  // hover waits until the dialog's opening animation has stopped moving the pad
  await pad.hover()
  const box = await pad.boundingBox()
  if (!box) throw new Error('signature pad not visible')
  await page.mouse.move(box.x + 60, box.y + 150)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 60 + i * 30, box.y + 150 + Math.sin(i) * 60, { steps: 3 })
  await page.mouse.up()
  await page.getByRole('button', { name: '完成' }).click()
  await page.getByRole('button', { name: '确认', exact: true }).click()
  await expect(page.getByRole('button', { name: `重签：${who}${name}` })).toBeVisible()
}

async function setDate(page: Page, label: string, date: string) {
  const input = page.locator(`[data-label="${label}"] input`)
  await input.fill(date)
  await input.press('Enter')
  await page.keyboard.press('Escape')
}

/** A wage dispute taken to a written agreement signed on screen and locked today; returns the case page's url. */
async function agreedCase(page: Page): Promise<string> {
  await completeSetup(page)
  await page.getByRole('button', { name: '＋ 登记新案件' }).click()
  await fillParty(page, 1, {
    name: '孙丽',
    id: idNumber('110105', '19850303', '002'),
    address: '城关镇人民路3号',
    phone: '13900003333',
  })
  await fillParty(page, 2, {
    name: '钱峰',
    id: idNumber('110105', '19780404', '005'),
    address: '城关镇建设路9号',
    phone: '13900004444',
  })
  await choose(page, '纠纷类别', '劳动争议（含欠薪）')
  await page.getByLabel('纠纷名称').fill('孙丽与钱峰劳务报酬纠纷')
  await page.getByLabel('纠纷事实').fill('申请人为被申请人做工两个月，被申请人拖欠报酬陆仟元。')
  await page.getByRole('button', { name: '保存登记' }).click()
  await page.getByRole('button', { name: '受理', exact: true }).click()
  await choose(page, '指派调解员', '李淑珺')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: '确定受理' }).click()
  await expect(page.getByText('（2026）城关镇调字第001号').first()).toBeVisible()
  await page.getByRole('button', { name: '开始调解', exact: true }).click()
  await page.getByRole('button', { name: '确定开始调解' }).click()
  await expect(page.getByText('调解中').first()).toBeVisible()
  const caseUrl = page.url()

  await openTab(page, '协议')
  await page.locator('.agreement-slot').getByRole('button', { name: '拟定书面协议' }).click()
  // the agreement page has opened (the case page's buttons are gone) before its own button is used
  await expect(page.getByRole('heading', { name: '人民调解协议书' })).toBeVisible()
  await expect(page.getByText('第1版 · 草稿')).toBeVisible()
  await choose(page, '条款模板', '欠薪（劳动报酬）')
  await page.getByRole('button', { name: '套用模板' }).click()
  await page.getByLabel('第一条事项').fill('支付拖欠的劳务报酬')
  await page.getByLabel('第一条金额', { exact: true }).fill('6000')
  await setDate(page, '第一条履行期限', '2026-12-31')
  await setDate(page, '第二条履行期限', '2026-12-31')
  await page.getByLabel('履行方式、时限').fill('被申请人将款项转入申请人本人银行账户。')
  const checklist = page.getByRole('region', { name: '打印前检查' })
  await expect(checklist.locator('[data-level="block"]')).toHaveCount(0)
  await expect(page.getByRole('status', { name: '保存状态' })).toContainText('已保存')
  for (const [who, name] of [
    ['申请人', '孙丽'],
    ['被申请人', '钱峰'],
    ['人民调解员', '李淑珺'],
  ] as const)
    await sign(page, who, name)
  await page.getByRole('button', { name: '确认生效并锁定' }).click()
  await page.getByRole('button', { name: '继续不加印章' }).click()
  await animationsEnded(page) // the question has grown in: a click in its first frames misses
  await page.getByRole('dialog').getByRole('button', { name: '确认生效并锁定' }).click()
  await expect(page.getByText('第1版 · 已生效（锁定）')).toBeVisible()
  return caseUrl
}

/** China's date today, as the app counts it. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

function chinaDaysFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

test('a mediator records the 司法确认 of a written agreement: the last day, a refusal, the application, then the ruling', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const caseUrl = await agreedCase(page)
  await page.goto(caseUrl)
  await expect(page.locator('.n-tag', { hasText: '协议已生效' })).toBeVisible()
  await openTab(page, '履行')

  const section = page.getByTestId('judicial-confirmation')
  await expect(section.getByRole('heading', { name: '司法确认' })).toBeVisible()
  // effective today: the last day to apply is thirty days on
  await expect(section).toContainText(`协议于 ${chinaToday()} 生效`)
  await expect(section).toContainText(`申请的最后一天为 ${chinaDaysFromToday(30)}`)
  await expect(section).toContainText('还没有登记司法确认')

  // bad input: an application dated tomorrow is refused in Chinese, nothing stored
  await section.getByRole('button', { name: '登记司法确认' }).click()
  const dialog = page.locator('.n-modal').filter({ hasText: '登记司法确认' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('申请日期').fill(chinaDaysFromToday(1))
  await dialog.getByLabel('受理法院').fill('城关区人民法院')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('申请日期不能晚于今天')

  // the application, today
  await dialog.getByLabel('申请日期').fill(chinaToday())
  await shot(page, 'judicial-confirmation-dialog', 900)
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('已登记司法确认')).toBeVisible()
  await expect(section).toContainText('城关区人民法院')
  await expect(section).toContainText('尚未裁定')

  // the court confirms it
  await section.getByRole('button', { name: '修改司法确认' }).click()
  await expect(dialog).toBeVisible()
  await dialog.getByText('已确认', { exact: true }).click()
  await dialog.getByLabel('裁定日期').fill(chinaToday())
  await dialog.getByLabel('文号').fill('（2026）城关0101民特8号')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(section).toContainText('已确认')
  await expect(section).toContainText('（2026）城关0101民特8号')
  await expect(section).not.toContainText('已超过申请期限')
  await shot(page, 'judicial-confirmation-section', 1100)

  // it stays after the page is opened again
  await page.reload()
  await openTab(page, '履行')
  await expect(page.getByTestId('judicial-confirmation')).toContainText('（2026）城关0101民特8号')
})
