import { expect, test, type Locator, type Page } from '@playwright/test'
import { registerSimpleCase } from './helpers/cases'
import { blockingViolations } from './helpers/axe'
import { completeSetup } from './helpers/setup'

/**
 * The tabs of a case and of 设置 worked by the keyboard alone (naive-ui's tabs took no focus): Tab reaches
 * them, the arrow keys move along and open the tab reached, Enter opens one, and a screen reader hears
 * which tab is shown.
 */

/** Presses Tab from the page's start until `target` has the focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 20): Promise<void> {
  await page.locator('body').focus()
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab')
  await expect(target).toBeFocused()
}

test('设置: Tab reaches the first tab, ↓ opens the next, Enter opens a tab reached', async ({ page }) => {
  await completeSetup(page)
  await page.goto('/#/settings')
  const tablist = page.getByRole('tablist')
  const first = tablist.getByRole('tab', { name: '调解委员会' })
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await tabTo(page, first)

  await page.keyboard.press('ArrowDown')
  const mediators = tablist.getByRole('tab', { name: '调解员' })
  await expect(mediators).toBeFocused()
  await expect(mediators).toHaveAttribute('aria-selected', 'true')
  await expect(first).toHaveAttribute('aria-selected', 'false')
  await expect(page.getByRole('button', { name: '＋ 添加调解员' })).toBeVisible()

  // ↑ from the first goes round to the last
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await expect(tablist.getByRole('tab', { name: '审计日志' })).toBeFocused()
  await expect(page.getByRole('button', { name: '验证审计日志' })).toBeVisible()
  expect(await blockingViolations(page, '设置·键盘选中的标签')).toEqual([])
})

test('a case: Tab reaches 基本信息, → opens 当事人 with its parties, Enter on a tab reached by Tab opens it', async ({
  page,
}) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '钱立群与孔德明相邻通行纠纷',
    category: '邻里',
    applicant: { name: '钱立群', phone: '13700001111' },
    respondent: { name: '孔德明', phone: '13700002222' },
  })
  const tablist = page.getByRole('tablist')
  const info = tablist.getByRole('tab', { name: '基本信息' })
  await expect(info).toHaveAttribute('aria-selected', 'true')
  await tabTo(page, info, 30)
  await page.keyboard.press('ArrowRight')
  const parties = tablist.getByRole('tab', { name: '当事人' })
  await expect(parties).toBeFocused()
  await expect(parties).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByText('孔德明').first()).toBeVisible()

  // Tab from 当事人 goes on to the next tab; Enter opens it
  await page.keyboard.press('Tab')
  const investigation = tablist.getByRole('tab', { name: '调查记录' })
  await expect(investigation).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(investigation).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('button', { name: '＋ 新建调查记录' })).toBeVisible()
})
