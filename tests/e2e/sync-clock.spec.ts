/**
 * A PC whose clock runs a year ahead (an office that set the year wrong): the committee's server refuses
 * its changes by the server's own clock, the status line says so in plain words with 立即同步, and once the
 * clock is put right what was made meanwhile goes up, stamped with the corrected time.
 */
import { useLoopbackServer } from './helpers/loopbackServer'
import { expect, test } from '@playwright/test'
import { blockingViolations } from './helpers/axe'
import { openTab, registerSimpleCase } from './helpers/cases'
import { completeSetup, shot } from './helpers/setup'
import { makeCommitteeKey, proposedDatabase, saveServer, syncLine } from './helpers/syncPcs'
import { validationDesignDoc } from '../../src/domain/syncServer'
import { createCommitteeDb } from '../sync/server'
import { animationsEnded } from './helpers/animations'

const server = useLoopbackServer()

const CLOCK_AHEAD = '本机时间比服务器快，修改暂时传不上去：请校准这台电脑的日期和时间'
const SYNCED = /^已同步 \d\d:\d\d$/

test('a PC a year ahead is told to put its clock right; once it is, its work goes up', async ({ browser, baseURL }) => {
  // a first-run setup, the committee key and a case, all through the UI
  test.setTimeout(180_000)
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
  })
  const yearAhead = new Date(Date.now() + 365 * 24 * 3600_000)
  // the page's clock runs on from a year ahead (timers at their natural pace)
  await context.clock.install({ time: yearAhead })
  const page = await context.newPage()
  try {
    await completeSetup(page)
    await makeCommitteeKey(page)
    const database = await proposedDatabase(page)
    const user = { name: 'room-clock', password: 'pw-clock-7a1c' }
    await createCommitteeDb(server, database.slice('mr-'.length), [user])
    await saveServer(page, server.url, user)
    // the committee's details and rooms were written "next year": the server refuses them
    await expect(syncLine(page)).toHaveText(CLOCK_AHEAD)
    await page.goto('/#/')
    await registerSimpleCase(page, {
      title: '钟表快了一年时登记的纠纷',
      category: '邻里',
      applicant: { name: '钱多多', phone: '13300007777' },
      respondent: { name: '孙少少', phone: '13300008888' },
    })
    await expect(syncLine(page)).toHaveText(CLOCK_AHEAD)
    await expect(page.getByTestId('sync-now')).toBeVisible()
    await shot(page, 'sync-clock-ahead', 800)
    // the line in its attention colour, 立即同步 under it, and 设置 → 同步 in that state: nothing axe blocks on
    // (once 案件已登记 has faded: measured mid-fade it is neither readable nor what the screen is)
    await expect(page.locator('.n-message')).toHaveCount(0)
    const violations = await blockingViolations(page, '案件页·时钟快')
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click()
    await openTab(page, '同步')
    await expect(page.getByTestId('sync-form')).toBeVisible()
    await animationsEnded(page)
    violations.push(...(await blockingViolations(page, '设置·同步·时钟快')))
    await shot(page, 'sync-clock-ahead-settings', 1400)
    expect(violations, violations.join('\n')).toEqual([])
    const db = `/${database}`
    const onServer = async (): Promise<string[]> => {
      const all = await server.request('GET', `${db}/_all_docs?include_docs=true`, { as: server.admin })
      return (all.body as { rows: { id: string; doc?: { updatedAt?: string } }[] }).rows
        .filter((r) => r.id.startsWith('case:'))
        .map((r) => r.doc?.updatedAt ?? '')
    }
    expect(await onServer()).toEqual([])

    // the office puts the clock right and opens the app again (a fake clock turned back would leave the
    // page's timers a year away; the live unit test covers 立即同步 with the clock put right while running)
    await context.clock.setSystemTime(new Date())
    await page.reload()
    await expect(syncLine(page)).toHaveText(SYNCED)
    const stamps = await onServer()
    expect(stamps).toHaveLength(1)
    expect(Date.parse(stamps[0]!)).toBeLessThanOrEqual(Date.now())
    await shot(page, 'sync-clock-put-right', 800)

    // a server that will not take a change (here: its validation refuses new cases) is said, with why
    const designPath = `${db}/${validationDesignDoc()._id}`
    const design = (await server.request('GET', designPath, { as: server.admin })).body as { _rev: string }
    const REASON = '本服务器暂不接收新案件'
    const replaced = await server.request('PUT', designPath, {
      as: server.admin,
      body: {
        ...validationDesignDoc(),
        _rev: design._rev,
        validate_doc_update: `function (n) { if (n.type === 'case') throw { forbidden: ${JSON.stringify(REASON)} }; }`,
      },
    })
    expect(replaced.status).toBe(201)
    await page.goto('/#/')
    await registerSimpleCase(page, {
      title: '服务器不收的纠纷',
      category: '邻里',
      applicant: { name: '赵一一', phone: '13300005555' },
      respondent: { name: '钱二二', phone: '13300006666' },
    })
    await expect(syncLine(page)).toHaveText(/^已同步 \d\d:\d\d；有 \d+ 条修改服务器不接受$/)
    await expect(page.locator('.n-message')).toHaveCount(0)
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click()
    await openTab(page, '同步')
    // the app's words, never the server's own text, and which case it was
    const turnedAway = page.getByTestId('sync-turned-away')
    await expect(turnedAway).toContainText(
      /服务器以其他原因拒绝（请告诉服务器管理员）：案件 \S+ 服务器不收的纠纷（1 条）/,
    )
    await expect(turnedAway).not.toContainText(REASON)
    await animationsEnded(page)
    const refusedViolations = await blockingViolations(page, '设置·同步·服务器不接受')
    expect(refusedViolations, refusedViolations.join('\n')).toEqual([])
    await shot(page, 'sync-turned-away-settings', 900)

    // 大字模式: the list and the status line grow with the rest, and the whole line stays in view
    const listSize = () => turnedAway.locator('li').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
    const normalSize = await listSize()
    await page.getByText('大字模式', { exact: true }).click()
    await expect(page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
    await expect.poll(listSize).toBeGreaterThanOrEqual(normalSize * 1.15)
    // the mark beside the active tab follows it as the tabs grow
    const active = page.locator('.n-tabs-tab--active')
    await expect(active).toHaveText('同步')
    await expect
      .poll(async () => {
        const [bar, tab] = [await page.locator('.n-tabs-bar').boundingBox(), await active.boundingBox()]
        return bar && tab ? Math.abs(bar.y + bar.height / 2 - (tab.y + tab.height / 2)) : Infinity
      })
      .toBeLessThan(2)
    const line = syncLine(page).getByRole('button')
    await expect(line).toBeInViewport({ ratio: 1 })
    expect(await line.evaluate((e) => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight)).toBe(true)
    await animationsEnded(page)
    const largeViolations = await blockingViolations(page, '设置·同步·服务器不接受·大字模式')
    expect(largeViolations, largeViolations.join('\n')).toEqual([])
    await shot(page, 'sync-turned-away-large-text', 900)

    // by keyboard: the status line is a button that opens 设置 → 同步 from another page
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '案件' }).click()
    await expect(page.getByTestId('sync-turned-away')).toBeHidden()
    await line.focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('sync-turned-away')).toBeVisible()
  } finally {
    await context.close()
  }
})
