import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { openTab, registerSimpleCase } from './helpers/cases'
import { completeSetup } from './helpers/setup'

/**
 * The renderer carries the app's CSP as a <meta> tag (src/index.html; the app:// handler also sends it
 * as a header). These checks run the real UI under it in Chromium: nothing the app does is refused, and
 * an injected inline script is.
 */
declare global {
  interface Window {
    cspViolations: { directive: string; blocked: string }[]
  }
}

async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    window.cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI })
    })
  })
}

test('setup, intake, the case list and settings run under the CSP without a single violation', async ({ page }) => {
  await recordViolations(page)
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '院墙通行纠纷',
    category: '邻里',
    applicant: { name: '周建华', phone: '13911112222' },
    respondent: { name: '吴丽萍' },
  })
  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await expect(page.getByLabel('案件列表').getByText('院墙通行纠纷', { exact: true })).toBeVisible()
  await page.goto('/#/settings')
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible()
  const violations = await page.evaluate(() => window.cspViolations)
  // zod 4 probes once whether eval works (a `new Function('')` inside try/catch) and falls back when it
  // does not: that probe is the one violation allowed. Anything else means the CSP broke a feature.
  expect(violations.filter((v) => !(v.directive === 'script-src' && v.blocked === 'eval'))).toEqual([])
})

test('a PDF attachment opens in its viewer (pages drawn by pdf.js, no frame) without a CSP violation', async ({
  page,
}) => {
  await recordViolations(page)
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '合同欠款纠纷',
    category: '邻里',
    applicant: { name: '周建华' },
    respondent: { name: '吴丽萍' },
  })
  await openTab(page, '证据材料')
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  )
  await page.getByLabel('添加证据材料').setInputFiles({ name: '借条.pdf', mimeType: 'application/pdf', buffer: pdf })
  await page.getByRole('button', { name: '借条.pdf', exact: true }).click()
  // the positive signal: pdf.js (its worker from the app's own origin) drew the page onto a canvas
  const viewer = page.getByRole('document', { name: '借条.pdf' })
  await expect(viewer).toHaveAttribute('data-pages', '1')
  await expect(viewer.getByLabel('第1页')).toBeVisible()
  // an attachment is never shown in a frame, where a page could run script with the app's origin
  await expect(page.locator('iframe, object, embed')).toHaveCount(0)
  // a violation is reported to the page as a queued task: let the tasks queued so far run first
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)))
  const blocked = await page.evaluate(() => window.cspViolations.filter((v) => v.blocked !== 'eval'))
  expect(blocked).toEqual([])
})

test('保存到本机 hands over a stored file as its bytes, named for what the bytes are', async ({ page }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '照片证据纠纷',
    category: '邻里',
    applicant: { name: '周建华' },
    respondent: { name: '吴丽萍' },
  })
  await openTab(page, '证据材料')
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  )
  await page.getByLabel('添加证据材料').setInputFiles({ name: '院墙现场', mimeType: 'image/png', buffer: png })
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '把“院墙现场”保存到本机' }).click()
  const download = await downloading
  await page.screenshot({ path: 'test-results/screens/attachment-save.png' })
  expect(download.suggestedFilename()).toBe('院墙现场.png')
  const saved = await download.path()
  expect(Buffer.compare(readFileSync(saved), png)).toBe(0)
})

test('an injected inline script does not run and is reported as a violation', async ({ page }) => {
  await recordViolations(page)
  await page.goto('/')
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__injected = true'
    document.head.append(script)
  })
  await expect
    .poll(() => page.evaluate(() => window.cspViolations.map((v) => v.directive)))
    .toContain('script-src-elem')
  expect(await page.evaluate(() => '__injected' in window)).toBe(false)

  // A script from another origin is refused as well.
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.src = 'http://127.0.0.2:9/evil.js'
    document.head.append(script)
  })
  await expect
    .poll(() => page.evaluate(() => window.cspViolations.map((v) => v.blocked)))
    .toContain('http://127.0.0.2:9/evil.js')
})
