import { expect, type Page } from '@playwright/test'

/** Picks an option of a Naive UI select found by its aria-label. */
export async function choose(page: Page, selectLabel: string, option: string | RegExp) {
  await page.getByLabel(selectLabel, { exact: true }).click()
  await page.locator('.n-base-select-option:visible', { hasText: option }).first().click()
}

/** Picks an option of a filterable select by typing it (long lists render only the options in view). */
export async function chooseTyped(page: Page, selectLabel: string, option: string) {
  await page.getByLabel(selectLabel, { exact: true }).click()
  await page.keyboard.type(option)
  await page.locator('.n-base-select-option:visible', { hasText: option }).first().click()
}

/** Picks several options of a multiple select, then closes its menu. */
export async function chooseMany(page: Page, selectLabel: string, options: string[]) {
  for (const o of options) await choose(page, selectLabel, o)
  await page.keyboard.press('Escape')
}

export const COMMITTEE = { fullName: '城关镇人民调解委员会', shortName: '城关镇' }
export const MEDIATORS = [
  { name: '李淑珺', gender: '女', phone: '13812345678', cert: 'TJ-2026-001', role: '调解员' },
  { name: '王𠮷', gender: '男', phone: '13987654321', cert: 'TJ-2026-002', role: '记录人' },
  { name: '赵建国', gender: '男', phone: '13711112222', cert: 'TJ-2026-003', role: '调解员' },
] as const
export const ROOM = '老李调解工作室'

/** Completes first-run setup through its own screens, as a new user does, and lands on 工作台. */
export async function completeSetup(page: Page) {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toBeVisible()
  await page.getByLabel('调解委员会全称').fill(COMMITTEE.fullName)
  await page.getByLabel('简称').fill(COMMITTEE.shortName)
  await page.getByRole('button', { name: '下一步' }).click()
  for (const [i, m] of MEDIATORS.entries()) {
    const n = i + 1
    if (i > 0) await page.getByRole('button', { name: '＋ 再添加一位调解员' }).click()
    await page.getByLabel(`第${n}位调解员姓名`).fill(m.name)
    await page.getByLabel(`第${n}位调解员性别`).getByText(m.gender).click()
    await page.getByLabel(`第${n}位调解员电话`).fill(m.phone)
    await page.getByLabel(`第${n}位调解员证书编号`).fill(m.cert)
    if (m.role !== '调解员') await choose(page, `第${n}位调解员角色`, m.role)
  }
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('第1个调解室名称').fill(ROOM)
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByRole('button', { name: '完成设置' }).click()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
}

/** Screenshots go to /tmp/shots for a person to look at. */
export async function shot(page: Page, name: string, height = 1600) {
  // the layout scrolls inside its content pane, so a tall viewport shows the whole screen
  const size = page.viewportSize()
  await page.setViewportSize({ width: size?.width ?? 1280, height })
  // the page has seen the new size and painted a frame laid out for it
  await page.waitForFunction((h) => window.innerHeight === h, height)
  // A headless page the compositor skips may never run rAF (seen once in CI: the test hung a minute
  // here). The frame is a nicety before the screenshot, which makes its own, so wait at most 1 s.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        setTimeout(resolve, 1000)
        requestAnimationFrame(() => requestAnimationFrame(resolve))
      }),
  )
  await page.screenshot({ path: `/tmp/shots/${name}.png` })
  if (size) await page.setViewportSize(size)
}
