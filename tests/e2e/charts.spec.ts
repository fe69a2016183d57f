import { expect, test, type Page } from '@playwright/test'
import { chooseMany, completeSetup, shot } from './helpers/setup'
import { confirmAction, registerSimpleCase, simpleAction, startAction } from './helpers/cases'
import { addDays, todayInChina } from '../../src/domain/dates'

/**
 * The charts on 工作台 and 统计, in Chromium under the app's CSP: they are drawn (a canvas each), their
 * code (ECharts) is fetched only after the dashboard's lists are on screen, and nothing they do is
 * refused by the CSP.
 */
declare global {
  interface Window {
    cspViolations: { directive: string; blocked: string }[]
    /** performance.now() when both deadline lists had finished loading */
    listsShownAt?: number
  }
}

const CHARTS = ['每月受理与调解成功', '调解成功率', '各类纠纷受理数', '各调解员超期案件']

/** Runs before the page's scripts: records CSP violations and when the deadline lists were filled. */
async function watchPage(page: Page) {
  await page.addInitScript(() => {
    window.cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI })
    })
    const filled = () =>
      ['已超期', '3日内到期'].every(
        (name) =>
          document.querySelector(`[role="region"][aria-label="${name}"]`)?.getAttribute('aria-busy') === 'false',
      )
    const observer = new MutationObserver(() => {
      if (window.listsShownAt === undefined && filled()) {
        window.listsShownAt = performance.now()
        observer.disconnect()
      }
    })
    observer.observe(document, { childList: true, subtree: true, attributes: true })
  })
}

/** The violations other than zod's one eval probe (see security-csp.spec.ts). */
async function violations(page: Page) {
  // a violation is reported as a queued task: let the tasks queued so far run first
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)))
  return page.evaluate(() =>
    window.cspViolations.filter((v) => !(v.directive === 'script-src' && v.blocked === 'eval')),
  )
}

const chart = (page: Page, title: string) => page.getByRole('region', { name: new RegExp(`^${title}`) })

test('the dashboard shows its lists first, then draws its charts without a CSP violation', async ({ page }) => {
  const today = todayInChina()
  await watchPage(page)
  await completeSetup(page)
  // overdue: accepted 50 days ago with 李淑珺
  await registerSimpleCase(page, {
    title: '陈秀英与黄海物业服务费纠纷',
    category: '物业',
    receivedOn: addDays(today, -60),
    applicant: { name: '陈秀英', phone: '13300001111' },
    respondent: { name: '黄海物业', phone: '13300002222' },
  })
  const accept = await startAction(page, '受理')
  await accept.getByLabel('受理日期').fill(addDays(today, -50))
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')
  // settled today by an oral agreement
  await registerSimpleCase(page, {
    title: '周强与吴刚相邻通行纠纷',
    category: '邻里',
    applicant: { name: '周强', phone: '13600001111' },
    respondent: { name: '吴刚', phone: '13600002222' },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['赵建国'])
  await confirmAction(page, '受理')
  await simpleAction(page, '开始调解')
  await startAction(page, '登记口头协议')
  await page.getByLabel('口头协议内容').fill('吴刚拆除堆放在通道上的杂物，双方互不追究。')
  await confirmAction(page, '登记口头协议')
  await expect(page.locator('.n-tag', { hasText: '协议已生效' })).toBeVisible()

  // a fresh start on 工作台, as when the app opens
  await page.goto('/#/')
  await page.reload()
  const overdue = page.getByRole('region', { name: '已超期' })
  await expect(overdue.getByText('陈秀英与黄海物业服务费纠纷')).toBeVisible()
  for (const title of CHARTS) await expect(chart(page, title).locator('canvas')).toBeVisible()

  // the charts' code was asked for only after both lists were filled
  const timing = await page.evaluate(() => ({
    listsShownAt: window.listsShownAt,
    chunks: performance
      .getEntriesByType('resource')
      .filter((e) => /\/(EChart|DashboardCharts)-[\w-]+\.js$/.test(e.name))
      .map((e) => ({ name: e.name.replace(/.*\//, ''), startTime: e.startTime })),
  }))
  expect(timing.listsShownAt).toBeDefined()
  expect(timing.chunks.map((c) => c.name.replace(/-.*/, '')).sort()).toEqual(['DashboardCharts', 'EChart'])
  for (const c of timing.chunks) expect(c.startTime, c.name).toBeGreaterThan(timing.listsShownAt!)

  // the numbers as words and as a table: 李淑珺 has the one overdue case
  const overdueChart = chart(page, '各调解员超期案件')
  await expect(overdueChart.getByRole('img')).toHaveAttribute('aria-label', /李淑珺超期1件/)
  await overdueChart.getByRole('button', { name: '查看数据' }).click()
  await expect(overdueChart.getByRole('row', { name: '李淑珺 1件' })).toBeVisible()
  const rate = chart(page, '调解成功率')
  await expect(rate.getByRole('img')).toHaveAttribute('aria-label', /成功率100%。$/)

  // a tooltip (HTML with its own styles) opens under the CSP
  const canvas = chart(page, '每月受理与调解成功').locator('canvas')
  const box = (await canvas.boundingBox())!
  await page.mouse.move(box.x + box.width - 40, box.y + box.height / 2)
  await expect(page.getByText(/调解成功\s*1件/).first()).toBeVisible()
  await shot(page, 'dashboard-charts', 1700)
  expect(await violations(page)).toEqual([])

  // 大字模式: the charts are drawn again with larger text
  await page.getByLabel('大字模式').click()
  await expect(chart(page, '调解成功率').locator('canvas')).toBeVisible()
  await shot(page, 'dashboard-charts-large', 1900)

  // 统计: the same charts for the chosen period
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  await expect(page.getByRole('heading', { name: '统计', exact: true })).toBeVisible()
  const section = page.getByRole('region', { name: '统计图表' })
  for (const title of CHARTS)
    await expect(section.getByRole('region', { name: new RegExp(`^${title}`) }).locator('canvas')).toBeVisible()
  await expect(section.getByRole('region', { name: /^各类纠纷受理数/ }).getByRole('img')).toHaveAttribute(
    'aria-label',
    /邻里受理1件/,
  )
  await shot(page, 'statistics-charts', 2600)
  expect(await violations(page)).toEqual([])
})
