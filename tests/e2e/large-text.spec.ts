import { expect, test, type Locator, type Page } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { registerSimpleCase, startAction } from './helpers/cases'
import { draftAgreement } from './helpers/agreementDraft'

/** The computed font size of an element, in CSS pixels. */
async function fontSize(l: Locator): Promise<number> {
  return l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
}

interface Sizes {
  heading: number
  cardTitle: number
  label: number
  input: number
  dialogLabel: number
  dialogButton: number
}

/** Sizes on the intake form and in the 受理 dialog of the case registered first. */
async function measure(page: Page, caseUrl: string): Promise<Sizes> {
  await page.goto('/#/cases/new')
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  const form = {
    heading: await fontSize(page.getByRole('heading', { name: '登记新案件' })),
    cardTitle: await fontSize(page.locator('.n-card-header__main', { hasText: '纠纷情况' })),
    label: await fontSize(page.locator('.n-form-item-label', { hasText: '纠纷简要名称' })),
    input: await fontSize(page.getByLabel('纠纷名称')),
  }
  await page.goto(caseUrl)
  const dialog = await startAction(page, '受理')
  const sizes = {
    ...form,
    dialogLabel: await fontSize(dialog.locator('.n-form-item-label', { hasText: '指派调解员' })),
    dialogButton: await fontSize(dialog.getByRole('button', { name: '确定受理' })),
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  return sizes
}

test('大字模式 enlarges labels, headings, fields and dialog buttons alike, and the words turn it on and off', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '周强与吴刚相邻通行纠纷',
    category: '邻里',
    applicant: { name: '周强' },
    respondent: { name: '吴刚' },
  })
  const caseUrl = page.url()
  const toggle = page.getByRole('switch', { name: '大字模式' })
  await expect(toggle).toHaveAttribute('aria-checked', 'false')
  const normal = await measure(page, caseUrl)

  // clicking the words, not the switch, turns it on
  await page.getByText('大字模式', { exact: true }).click()
  await expect(toggle).toHaveAttribute('aria-checked', 'true')
  const large = await measure(page, caseUrl)

  for (const key of Object.keys(normal) as (keyof Sizes)[]) {
    // the base goes from 15px to 18px: every part grows by that share (rounding to whole pixels aside)
    expect(large[key], `${key}: ${normal[key]}px → ${large[key]}px`).toBeGreaterThanOrEqual(normal[key] * 1.15)
  }
  for (const s of [normal, large]) {
    // a label is never smaller than the field it names, in the form or in a dialog
    expect(s.label).toBeGreaterThanOrEqual(s.input)
    expect(s.dialogLabel).toBeGreaterThanOrEqual(s.input)
    expect(s.dialogButton).toBeGreaterThanOrEqual(s.input - 1)
    expect(s.heading).toBeGreaterThan(s.cardTitle)
    expect(s.cardTitle).toBeGreaterThan(s.label)
  }

  // screenshots with 大字模式 on, for a person to look at
  await page.goto('/#/cases/new')
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await shot(page, 'large-text-intake', 1400)
  await page.goto(caseUrl)
  await startAction(page, '受理')
  await shot(page, 'large-text-accept-dialog', 900)
  await page.keyboard.press('Escape')
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).click()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
  await shot(page, 'large-text-dashboard', 900)

  // the words turn it off again
  await page.getByText('大字模式', { exact: true }).click()
  await expect(toggle).toHaveAttribute('aria-checked', 'false')
  expect(await fontSize(page.getByRole('heading', { name: '工作台', exact: true }))).toBe(normal.heading)
})

test('a text button reached by the keyboard shows a visible focus ring', async ({ page }) => {
  await completeSetup(page)
  await page.goto('/#/cases/new')
  const add = page.getByRole('button', { name: '＋ 添加委托代理人' }).first()
  await expect(add).toBeVisible()
  // reach it with Tab from the field before it, as a keyboard user does
  await add.evaluate((b) => {
    const all = [...document.querySelectorAll<HTMLElement>('input, button, [tabindex="0"]')]
    all[all.indexOf(b as HTMLElement) - 1]?.focus()
  })
  await page.keyboard.press('Tab')
  await expect(add).toBeFocused()
  const ring = await add.evaluate((b) => {
    const s = getComputedStyle(b)
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor }
  })
  expect(ring.style).toBe('solid')
  expect(ring.width).toBeGreaterThanOrEqual(2)
  expect(ring.color).not.toMatch(/rgba\(\d+, \d+, \d+, 0\)|transparent/)
  await shot(page, 'focus-ring-text-button', 900)
})

test('the on-screen signature list keeps who, 未签 and 签名 each on one line, in normal size and in 大字模式', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await draftAgreement(page)
  const rows = page.locator('.signers li')
  await expect(rows).toHaveCount(3)
  /** The parts of each row taller than one line of their own text: squeezed into a column, they wrap. */
  const wrapped = () =>
    rows.evaluateAll((items) =>
      items.flatMap((li) =>
        [...li.children].flatMap((child) => {
          // a button's own height holds its padding: its words are in its content box
          const part = child.querySelector('.n-button__content') ?? child
          const style = getComputedStyle(part)
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6
          const { height } = part.getBoundingClientRect()
          return part.tagName !== 'IMG' && height > line * 1.5 ? [`${part.textContent?.trim()} ${height}px`] : []
        }),
      ),
    )
  await expect(rows.first()).toContainText('未签')
  expect(await wrapped()).toEqual([])
  await page.getByText('大字模式', { exact: true }).click()
  await expect(page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
  expect(await wrapped()).toEqual([])
  await rows.first().scrollIntoViewIfNeeded()
  await shot(page, 'large-text-signatures', 900)
})
