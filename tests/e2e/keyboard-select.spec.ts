import { expect, test } from '@playwright/test'
import { blockingViolations } from './helpers/axe'
import { completeSetup } from './helpers/setup'

/**
 * A select without a text box (naive-ui focuses a bare div there) heard as what it is: a combobox named
 * after the select, saying whether it is open, which option the arrow keys highlight, and which is chosen.
 */
test('接待记录 的“按分流筛选”: a named combobox, its options heard as they are highlighted, chosen by Enter', async ({
  page,
}) => {
  await completeSetup(page)
  await page.goto('/#/reception')
  const filter = page.getByRole('combobox', { name: '按分流筛选' })
  await page.getByRole('textbox', { name: '截止日期' }).focus()
  await page.keyboard.press('Tab')
  await expect(filter).toBeFocused()
  await expect(filter).toHaveAttribute('aria-expanded', 'false')

  await page.keyboard.press('Enter')
  await expect(filter).toHaveAttribute('aria-expanded', 'true')
  const menu = page.getByRole('listbox', { name: '按分流筛选' })
  await expect(menu).toBeVisible()
  await expect(filter).toHaveAttribute('aria-controls', (await menu.getAttribute('id'))!)
  await expect(menu.getByRole('option')).toHaveText([
    '当场解答',
    '登记为调解案件',
    '转办部门',
    '法律援助',
    '心理服务',
    '信访',
    '其他',
  ])
  // the open select and its menu (the menu lies over the table, whose texts the page's own check covers)
  expect(await blockingViolations(page, '接待·打开的分流筛选', ['.n-select-menu', '.n-select'])).toEqual([])

  // the highlighted option is the one the combobox points at
  await page.keyboard.press('ArrowDown')
  const highlighted = async () => page.locator(`#${await filter.getAttribute('aria-activedescendant')}`).textContent()
  await expect.poll(highlighted).toBe('登记为调解案件')

  await page.keyboard.press('Enter')
  await expect(filter).toHaveAttribute('aria-expanded', 'false')
  await expect(filter).toContainText('登记为调解案件')
  await expect(filter).not.toHaveAttribute('aria-activedescendant', /.+/)
  await page.keyboard.press('Enter')
  await expect(menu.getByRole('option', { name: '登记为调解案件' })).toHaveAttribute('aria-selected', 'true')
  await expect(menu.getByRole('option', { name: '当场解答' })).toHaveAttribute('aria-selected', 'false')
})
