import { expect, test, type Page } from '@playwright/test'
import { openNewMediationRecord } from './helpers/cases'

function openNewSessionRecord(page: Page) {
  return openNewMediationRecord(page, {
    title: '何春梅与钱立新婚约财产纠纷',
    category: '婚姻家庭',
    applicant: { name: '何春梅', phone: '13200001111' },
    respondent: { name: '钱立新', phone: '13200002222' },
  })
}

const indicator = (page: Page) => page.getByRole('status', { name: '保存状态' })

test('a reload right after 已保存 loses nothing of a session note typed in two bursts', async ({ page }) => {
  const notes = await openNewSessionRecord(page)
  await notes.pressSequentially('申请人称：双方于2025年订婚，', { delay: 20 })
  await expect(indicator(page)).toHaveText(/^已保存 \d\d:\d\d:\d\d$/)
  await notes.pressSequentially('男方给付彩礼八万元。', { delay: 20 })
  await expect(indicator(page)).toHaveText(/^已保存/)
  await page.reload()
  await expect(page.getByLabel('调解记录', { exact: true })).toHaveValue(
    '申请人称：双方于2025年订婚，男方给付彩礼八万元。',
  )
})

test('a reload in the middle of typing keeps everything that was confirmed saved', async ({ page }) => {
  const notes = await openNewSessionRecord(page)
  const confirmed = '被申请人称：彩礼已部分退还，'
  await notes.pressSequentially(confirmed, { delay: 20 })
  await expect(indicator(page)).toHaveText(/^已保存/)
  // typing goes on and the page is reloaded at once, mid-sentence
  await notes.pressSequentially('剩余三万', { delay: 10 })
  await page.reload()
  const after = await page.getByLabel('调解记录', { exact: true }).inputValue()
  expect(after.startsWith(confirmed)).toBe(true)
  expect(`${confirmed}剩余三万`.startsWith(after)).toBe(true)
})

test('while a write is pending the indicator says 保存中…, and 已保存 only comes after it', async ({ page }) => {
  const notes = await openNewSessionRecord(page)
  // record every text the indicator shows, from the moment it is on the page
  await page.locator('[aria-label="保存状态"]').waitFor({ state: 'attached' })
  await page.evaluate(() => {
    const el = document.querySelector('[aria-label="保存状态"]')!
    const seen: string[] = []
    ;(window as unknown as { indicatorLog: string[] }).indicatorLog = seen
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    })
  })
  await notes.pressSequentially('调解员释明法律规定。', { delay: 30 })
  await expect(indicator(page)).toHaveText(/^已保存/)
  const log = await page.evaluate(() => (window as unknown as { indicatorLog: string[] }).indicatorLog)
  const firstSaved = log.findIndex((t) => t.startsWith('已保存'))
  expect(log[0]).toBe('保存中…')
  expect(firstSaved).toBeGreaterThan(0)
  expect(log.slice(0, firstSaved).every((t) => t === '保存中…')).toBe(true)
})

test('a reload at once after typing, while the indicator still says 保存中…, loses nothing', async ({ page }) => {
  const notes = await openNewSessionRecord(page)
  const text = '申请人称：婚约解除后，男方要求返还彩礼五万元。'
  await notes.pressSequentially(text, { delay: 10 })
  // no waiting for 已保存: the last characters are typed a moment before the reload
  await page.reload()
  await expect(page.getByLabel('调解记录', { exact: true })).toHaveValue(text)
  await expect(indicator(page)).toHaveText(/^已保存/)
  // and it is stored, not only on screen: a second reload after 已保存 still shows it
  await page.reload()
  await expect(page.getByLabel('调解记录', { exact: true })).toHaveValue(text)
})

test('what is kept across a reload is sealed, never in the clear in the browser storage', async ({ page }) => {
  const notes = await openNewSessionRecord(page)
  // typed and the page hidden in one go, before any write could end (it needs the event loop's tasks)
  const stored = await notes.evaluate(async (box: HTMLTextAreaElement) => {
    box.value = '对方住址：幸福路八号'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    for (let i = 0; i < 3; i++) await Promise.resolve()
    window.dispatchEvent(new PageTransitionEvent('pagehide'))
    return JSON.stringify({ ...localStorage })
  })
  expect(stored).toContain('mediation-room:unsaved:session:')
  expect(stored).not.toContain('幸福路')
})
