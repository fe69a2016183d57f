import { expect, test } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { seedCases } from './helpers/seed'
import { todayInChina } from '../../src/domain/dates'

test('the case list shows the first 50 newest first, the total, and loads more while scrolling', async ({ page }) => {
  await completeSetup(page)
  await seedCases(page, 180, todayInChina())
  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()

  const table = page.getByLabel('案件列表')
  await expect(table.getByText('批量案件0', { exact: true })).toBeVisible()
  await expect(page.getByText('共 180 件')).toBeVisible()
  // virtual scrolling: only the rows in view are in the DOM
  expect(await table.locator('tbody tr').count()).toBeLessThan(50)
  await shot(page, 'case-list')

  // scroll to the end until the oldest case arrives (pages of 50 are loaded on the way)
  const body = table.locator('.v-vl')
  const oldest = table.getByText('批量案件179', { exact: true })
  await expect(async () => {
    await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect(oldest).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 20_000 })

  // a query the search cannot read says what it can read
  await page.getByLabel('搜索案件').fill('批量案件17')
  await expect(page.getByText('无法按“批量案件17”查找', { exact: false })).toBeVisible()

  // a search (here a phone suffix: case 17's applicant has 13900000034) narrows it; the row opens the case
  await page.getByLabel('搜索案件').fill('0034')
  await expect(page.getByText('共 1 件')).toBeVisible()
  await expect(table.getByText('批量案件17', { exact: true })).toBeVisible()
  await table.getByText('批量案件17', { exact: true }).click()
  await expect(page.getByRole('heading', { name: '批量案件17' })).toBeVisible()
})

test('登记起/止 read dates as a mediator types them, and say so when one cannot be read', async ({ page }) => {
  await completeSetup(page)
  // case i is received i days before 2026-11-30
  await seedCases(page, 40, '2026-11-30')
  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await expect(page.getByText('共 40 件')).toBeVisible()

  const from = page.getByLabel('登记起（日期）')
  const to = page.getByLabel('登记止（日期）')
  const problem = page.getByTestId('date-filter-problem')
  await from.fill('2026年11月21日')
  await to.fill('２０２６/11/25')
  // 11-21 to 11-25: cases 5 to 9
  await expect(page.getByText('共 5 件')).toBeVisible()
  await expect(page.getByLabel('案件列表').getByText('批量案件9', { exact: true })).toBeVisible()
  await expect(problem).toHaveCount(0)

  await to.fill('2026-11-31')
  await expect(problem).toHaveText('登记止：没有2026年11月31日这一天，请检查')
  // the end is dropped, not guessed: from 11-21 on, cases 0 to 9
  await expect(page.getByText('共 10 件')).toBeVisible()
  await shot(page, 'case-list-date-problem', 700)

  await to.fill('2026.11.20')
  await expect(problem).toHaveText('登记止不能早于登记起')
  await to.fill('')
  await expect(problem).toHaveCount(0)
})

test('登记起/止 can be filled from a calendar: a click on a day writes it and filters by it', async ({ page }) => {
  await completeSetup(page)
  // case i is received i days before 2026-11-30
  await seedCases(page, 40, '2026-11-30')
  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await expect(page.getByText('共 40 件')).toBeVisible()

  const from = page.getByLabel('登记起（日期）')
  // typed first, so that the calendar opens on November 2026 whatever today is
  await from.fill('2026/11/1')
  const calendarOfFrom = page.locator('.n-input', { has: from }).getByRole('button', { name: '从日历选日期' })
  await calendarOfFrom.click()
  const month = page.locator('.n-date-panel')
  await expect(month).toBeVisible()
  await expect(month).toContainText('2026')
  await shot(page, 'case-list-date-calendar', 700)
  // the 26th of this month, not the greyed days of the months either side
  await month.locator('.n-date-panel-date:not(.n-date-panel-date--excluded)', { hasText: /^26$/ }).click()
  await expect(from).toHaveValue('2026-11-26')
  await expect(month).toBeHidden()
  // from 11-26 on: cases 0 to 4
  await expect(page.getByText('共 5 件')).toBeVisible()

  // the calendar is for the mouse: Tab goes from one date box straight to the next, as before it
  await from.press('Tab')
  await expect(page.getByLabel('登记止（日期）')).toBeFocused()
})
