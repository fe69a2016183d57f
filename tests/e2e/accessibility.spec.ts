import { expect, test, type Page } from '@playwright/test'
import { blockingViolations } from './helpers/axe'
import { choose, chooseMany, completeSetup } from './helpers/setup'
import { confirmAction, openTab, registerSimpleCase, simpleAction, startAction } from './helpers/cases'
import { turnOnAppLock, unlockWith } from './helpers/lock'
import { draftAgreement, fillClauses } from './helpers/agreementDraft'
import { belowAA, paintedColours } from './helpers/paintedContrast'
import { animationsEnded } from './helpers/animations'

/**
 * axe-core (WCAG 2.1 A/AA) over every main screen of the built app, with data on it: not one critical
 * or serious violation. Each test gathers the violations of all its screens and fails listing them all.
 */

declare global {
  interface Window {
    a11yCspViolations: { directive: string; blocked: string }[]
  }
}

/** Collects what axe finds, screen by screen, and the CSP violations the page reports meanwhile. */
function checker(page: Page) {
  const found: string[] = []
  const screens: string[] = []
  return {
    async check(screen: string) {
      // a passing notice (设置已保存…) fades under a dialog's mask: measured mid-fade, it is neither readable
      // nor what the screen is; the screen is checked once it has gone
      await expect(page.locator('.n-message')).toHaveCount(0)
      // the screen has stopped moving (dialogs and tabs animate in) before axe measures colours
      await animationsEnded(page)
      screens.push(screen)
      found.push(...(await blockingViolations(page, screen)))
    },
    async expectClean() {
      expect(screens.length).toBeGreaterThan(0)
      expect(found, `critical/serious axe violations:\n${found.join('\n')}`).toEqual([])
      // axe ran inside the page under the app's CSP without the policy refusing anything (zod's one eval
      // probe aside, see security-csp.spec.ts)
      const csp = await page.evaluate(() => window.a11yCspViolations)
      expect(csp.filter((v) => !(v.directive === 'script-src' && v.blocked === 'eval'))).toEqual([])
    },
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.a11yCspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.a11yCspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI })
    })
  })
})

test('axe passes the CSP: it runs in the page and finds what it must', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toBeVisible()
  // a button with no name put into the page must be reported, so the check is not passing vacuously
  await page.evaluate(() => {
    const b = document.createElement('button')
    b.id = 'axe-probe'
    document.body.append(b)
  })
  const found = await blockingViolations(page, 'probe')
  expect(found.some((l) => l.includes('button-name') && l.includes('#axe-probe'))).toBe(true)
  const csp = await page.evaluate(() => window.a11yCspViolations)
  expect(csp.filter((v) => !(v.directive === 'script-src' && v.blocked === 'eval'))).toEqual([])
})

test('setup, 工作台, 登记, 案件, a case page with its tabs and dialogs, and 统计 with data', async ({ page }) => {
  test.setTimeout(300_000)
  const axe = checker(page)
  await page.goto('/')
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toBeVisible()
  await axe.check('首次设置')
  await completeSetup(page)

  await page.goto('/#/cases/new')
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await axe.check('登记新案件')

  await registerSimpleCase(page, {
    title: '周强与吴刚相邻通行纠纷',
    category: '邻里',
    applicant: { name: '周强', phone: '13600001111' },
    respondent: { name: '吴刚', phone: '13600002222' },
  })
  await axe.check('案件·基本信息（待受理）')
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['赵建国'])
  await axe.check('受理对话框')
  await confirmAction(page, '受理')
  await simpleAction(page, '开始调解')
  for (const tab of ['基本信息', '当事人', '调查记录', '调解记录', '证据材料', '协议', '履行', '回访', '转办']) {
    await openTab(page, tab)
    await axe.check(`案件·${tab}`)
  }
  await openTab(page, '调解记录')
  await page.getByRole('button', { name: '＋ 新建调解记录' }).click()
  await expect(page.getByLabel('调解记录', { exact: true })).toBeVisible()
  await axe.check('案件·新建调解记录')

  await startAction(page, '登记口头协议')
  await page.getByLabel('口头协议内容').fill('吴刚拆除堆放在通道上的杂物，双方互不追究。')
  await axe.check('登记口头协议对话框')
  await confirmAction(page, '登记口头协议')
  await startAction(page, '结案')
  await page.getByLabel('结案情况').fill('双方当场和解，已拆除杂物。')
  await axe.check('结案对话框')
  await confirmAction(page, '结案')
  await expect(page.locator('.n-tag', { hasText: '已结案' })).toBeVisible()
  await axe.check('案件·已结案')

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '案件' }).click()
  await expect(page.getByRole('heading', { name: '案件', exact: true })).toBeVisible()
  await axe.check('案件列表')

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).click()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
  await axe.check('工作台')

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  await expect(page.getByRole('link', { name: '邻里 受理合计 1' })).toBeVisible()
  await axe.check('统计')

  await axe.expectClean()
})

test('接待, 排查 with its dialog, 核验, 帮助, and every tab of 设置 with a dialog', async ({ page }) => {
  test.setTimeout(300_000)
  const axe = checker(page)
  await completeSetup(page)

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '接待' }).click()
  await expect(page.getByLabel('来访人', { exact: true })).toBeVisible()
  await axe.check('接待')

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '排查' }).click()
  await expect(page.getByRole('heading', { name: '矛盾纠纷排查' })).toBeVisible()
  await axe.check('排查')
  await page.getByRole('button', { name: '＋ 登记排查' }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: '登记排查' })
  await expect(dialog).toBeVisible()
  await axe.check('登记排查对话框')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '核验' }).click()
  await axe.check('核验')

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '帮助' }).click()
  await expect(page.getByRole('heading', { name: '调解室用户指南' })).toBeVisible()
  await axe.check('帮助')

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click()
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible()
  const tabs = ['调解委员会', '调解员', '调解室', '协同人员', '纠纷类别', '转办部门', '印章', '应用锁']
  for (const tab of [...tabs, '备份与恢复', '数据交换', '审计日志']) {
    await openTab(page, tab)
    await axe.check(`设置·${tab}`)
  }
  await openTab(page, '调解员')
  await page.getByRole('button', { name: '＋ 添加调解员' }).click()
  await expect(page.getByRole('dialog').filter({ hasText: '添加调解员' })).toBeVisible()
  await axe.check('添加调解员对话框')

  await axe.expectClean()
})

test('the lock screen', async ({ page }) => {
  test.setTimeout(120_000)
  const axe = checker(page)
  await completeSetup(page)
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click()
  await openTab(page, '应用锁')
  await turnOnAppLock(page, { beforeSave: () => axe.check('设置密码对话框') })
  await page.getByRole('button', { name: '锁定' }).click()
  await expect(page.getByRole('dialog', { name: '应用已锁定' })).toBeVisible()
  await axe.check('锁定屏幕')
  await unlockWith(page, '0000')
  await expect(page.getByText('密码不正确')).toBeVisible()
  await axe.check('锁定屏幕·密码不正确')

  await axe.expectClean()
})

test('the written agreement: its editor with a template applied, and its signature dialog', async ({ page }) => {
  test.setTimeout(180_000)
  const axe = checker(page)
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '王强与赵刚劳务报酬纠纷',
    category: '劳动争议',
    applicant: { name: '王强' },
    respondent: { name: '赵刚' },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')
  await simpleAction(page, '开始调解')
  await openTab(page, '协议')
  await page.locator('.agreement-slot').getByRole('button', { name: '拟定书面协议' }).click()
  await expect(page.getByRole('heading', { name: '人民调解协议书' })).toBeVisible()
  await axe.check('协议·未拟定')
  await expect(page.getByText('第1版 · 草稿')).toBeVisible()
  await choose(page, '条款模板', '欠薪（劳动报酬）')
  await page.getByRole('button', { name: '套用模板' }).click()
  await expect(page.getByLabel('第一条事项')).toBeVisible()
  await expect(page.getByRole('status', { name: '保存状态' })).toContainText('已保存')
  await axe.check('协议编辑')
  await page
    .getByRole('button', { name: /^签名：/ })
    .first()
    .click()
  await expect(page.locator('canvas.pad')).toBeVisible()
  await axe.check('签名对话框')

  await axe.expectClean()
})

test('the side menu: reached and opened by the keyboard, and read at 4.5:1 at rest, hovered and chosen', async ({
  page,
}) => {
  await completeSetup(page)
  const nav = page.getByRole('navigation', { name: '主导航' })
  const colours = () => paintedColours(nav.getByRole('link'))
  const settled = () => animationsEnded(page)

  const atRest = await colours()
  expect(atRest.map((c) => c.name)).toEqual(['工作台', '接待', '案件', '排查', '统计', '核验', '设置', '帮助'])
  expect(belowAA(atRest)).toEqual([])
  await expect(nav.getByRole('link', { name: '工作台' })).toHaveAttribute('aria-current', 'page')

  // from the page's start, Tab reaches 案件 and Enter opens the list, marked as the screen shown
  await page.locator('body').focus()
  const cases = nav.getByRole('link', { name: '案件' })
  for (let i = 0; i < 10 && !(await cases.evaluate((a) => a === document.activeElement)); i++)
    await page.keyboard.press('Tab')
  await expect(cases).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: '案件', exact: true })).toBeVisible()
  await expect(cases).toHaveAttribute('aria-current', 'page')
  await expect(nav.getByRole('link', { name: '工作台' })).not.toHaveAttribute('aria-current', 'page')

  await nav.getByRole('link', { name: '设置' }).hover()
  await settled()
  expect(belowAA(await colours())).toEqual([])
  await page.mouse.move(600, 400)
  await settled()
  expect(belowAA(await colours())).toEqual([])
})

test("a question's buttons (取消, and 仍然继续 in the warning's amber) read at 4.5:1 at rest and hovered, as painted", async ({
  page,
}) => {
  test.setTimeout(180_000)
  const axe = checker(page)
  await draftAgreement(page, '申请人为被申请人做工三个月，双方当场握手言和👍🏽，被申请人同意支付报酬。')
  await fillClauses(page)
  await page.getByRole('button', { name: '保存PDF' }).click()
  const warning = page.getByRole('dialog').filter({ hasText: '有字打印不出来' })
  await expect(warning.getByRole('button', { name: '仍然继续' })).toBeVisible()
  await axe.check('有字打印不出来')
  await axe.expectClean()

  const settled = () => animationsEnded(page)
  const buttons = warning.getByRole('button').filter({ hasText: /\S/ })
  const atRest = await paintedColours(buttons)
  expect(atRest.map((c) => c.name).sort()).toEqual(['仍然继续', '取消'])
  expect(belowAA(atRest)).toEqual([])
  for (const name of ['仍然继续', '取消']) {
    await warning.getByRole('button', { name }).hover()
    await settled()
    expect(belowAA(await paintedColours(buttons)), `hovering ${name}`).toEqual([])
  }
})
