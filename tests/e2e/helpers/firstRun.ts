import { expect, type Page } from '@playwright/test'

export async function chooseOption(page: Page, selectLabel: string, option: string) {
  await page.getByLabel(selectLabel).click()
  await page.locator('.n-base-select-option', { hasText: option }).first().click()
}

export async function openTab(page: Page, label: string) {
  await page.locator('.n-tabs-tab__label', { hasText: new RegExp(`^${label}$`) }).click()
}

export interface FirstRunOptions {
  mediators?: { name: string; gender: '男' | '女'; phone: string; cert: string; role?: string }[]
}

/** Completes the first-run setup through the UI: 城关镇人民调解委员会, 老李调解工作室, two mediators. */
export async function completeFirstRun(page: Page, options: FirstRunOptions = {}) {
  const mediators = options.mediators ?? [
    { name: '李淑珺', gender: '女', phone: '13812345678', cert: 'TJ-2026-001' },
    { name: '王𠮷', gender: '男', phone: '13987654321', cert: 'TJ-2026-002', role: '记录人' },
  ]
  await page.goto('/')
  await page.getByLabel('调解委员会全称').fill('城关镇人民调解委员会')
  await page.getByLabel('简称').fill('城关镇')
  await page.getByRole('button', { name: '下一步' }).click()
  for (const [i, m] of mediators.entries()) {
    if (i > 0) await page.getByRole('button', { name: '＋ 再添加一位调解员' }).click()
    const n = i + 1
    await page.getByLabel(`第${n}位调解员姓名`).fill(m.name)
    await page.getByLabel(`第${n}位调解员性别`).getByText(m.gender).click()
    await page.getByLabel(`第${n}位调解员电话`).fill(m.phone)
    await page.getByLabel(`第${n}位调解员证书编号`).fill(m.cert)
    if (m.role) await chooseOption(page, `第${n}位调解员角色`, m.role)
  }
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('第1个调解室名称').fill('老李调解工作室')
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByRole('button', { name: '完成设置' }).click()
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible()
}
