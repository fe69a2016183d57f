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

/**
 * naive-ui keeps a closed select's menu in the page (hidden), so a page with several selects holds several
 * menus: an open select must point at its own, not at the one added last.
 */
test('案件 的筛选: a select opened again points at its own menu, not at another select’s kept one', async ({
  page,
}) => {
  await completeSetup(page)
  await page.goto('/#/cases')
  const stage = page.getByRole('combobox', { name: '办理阶段' })
  const status = page.getByRole('combobox', { name: '状态' })
  // each opened and closed once: both menus are now in the page, 状态's added last
  for (const select of [stage, status]) {
    await select.click()
    await expect(select).toHaveAttribute('aria-expanded', 'true')
    await page.keyboard.press('Escape')
    await expect(select).toHaveAttribute('aria-expanded', 'false')
  }
  await expect(page.locator('.n-select-menu[role="listbox"]')).toHaveCount(2)

  await stage.click()
  await expect(stage).toHaveAttribute('aria-expanded', 'true')
  const menu = page.getByRole('listbox', { name: '办理阶段' })
  await expect(menu).toBeVisible()
  await expect(stage).toHaveAttribute('aria-controls', (await menu.getAttribute('id'))!)
  // its own options, and the highlighted one among them
  await expect(menu.getByRole('option')).toHaveText(['进行中', '已办结', '全部'])
  await page.keyboard.press('ArrowDown')
  await expect(stage).toHaveAttribute('aria-activedescendant', /.+/)
  const highlighted = await stage.getAttribute('aria-activedescendant')
  await expect(menu.locator(`#${highlighted}`)).toHaveCount(1)
})
