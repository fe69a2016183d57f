import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type BrowserContext } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './chromium'
import { openTab, registerSimpleCase } from './helpers/cases'
import { completeSetup } from './helpers/setup'

/**
 * Encryption at rest, seen from the disk: a case with a known ID number, mobile number, name and fact,
 * an attachment holding the number and a backup are written through the real UI into a Chromium profile
 * of the test's own; with the browser closed, no file of that profile holds any of them, in any of the
 * encodings Chromium stores strings in (Latin-1 or UTF-16 for V8's values, UTF-8 elsewhere).
 * The case's records are sealed ahead in the seal worker, which the page is seen to start.
 * The preview keeps its keys in the same profile (src/platform/browser-keys.ts): this proves the records,
 * digests, attachments and backups are sealed, not that the key is out of reach.
 */
const ID_NUMBER = '110105199003078414'
const PHONE = '13912345678'
const NAME = '欧阳珺喆'
const FACT = '借款叁万柒仟元整未还'

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat?.isDirectory()) yield* filesUnder(path)
    else if (stat?.isFile()) yield path
  }
}

const needles = (text: string) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]

/** Every file of the profile that holds one of the texts, with the text found. */
function filesHolding(dir: string, texts: readonly string[]): string[] {
  const found: string[] = []
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file)
    for (const text of texts) {
      if (needles(text).some((needle) => bytes.includes(needle))) found.push(`${file}: ${text}`)
    }
  }
  return found
}

function openProfile(dir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    baseURL,
    locale: 'zh-CN',
  })
}

test('no ID number, phone, name or fact is readable in the profile folder, and the case opens again', async ({
  baseURL,
}) => {
  const profile = mkdtempSync(join(tmpdir(), 'mr-at-rest-'))
  try {
    let context = await openProfile(profile, baseURL!)
    let page = context.pages()[0] ?? (await context.newPage())
    const workers: string[] = []
    page.on('worker', (worker) => workers.push(worker.url()))
    await completeSetup(page)
    await registerSimpleCase(page, {
      title: '民间借贷纠纷',
      category: '合同',
      applicant: { name: NAME, idNumber: ID_NUMBER, phone: PHONE },
      respondent: { name: '吴志强' },
      facts: `${FACT}，申请人身份证号${ID_NUMBER}，电话${PHONE}。`,
    })
    // the case's records were sealed ahead in the seal worker (src/db/sealWorkerClient.ts), not on the page
    expect(workers.filter((url) => /\/seal\.worker-[\w-]+\.js$/.test(url))).toHaveLength(1)
    await openTab(page, '证据材料')
    const note = Buffer.from(`%PDF-1.4\n% ${NAME} ${ID_NUMBER} ${PHONE}\n%%EOF\n`, 'utf8')
    await page.getByLabel('添加证据材料').setInputFiles({ name: '借条.pdf', mimeType: 'application/pdf', buffer: note })
    await expect(page.getByRole('button', { name: '借条.pdf', exact: true })).toBeVisible()

    await page.goto('/#/settings')
    await openTab(page, '备份与恢复')
    await expect(page.getByText('还没有备份。点“立即备份”做第一份。')).toBeVisible()
    await page.getByRole('button', { name: '立即备份' }).click()
    await expect(page.getByTestId('backup-result')).toContainText('备份完成并已校验')
    await context.close()

    expect(filesHolding(profile, [ID_NUMBER, PHONE, NAME, FACT])).toEqual([])

    // the same profile opens again and shows the case: the data is sealed, not lost
    context = await openProfile(profile, baseURL!)
    page = context.pages()[0] ?? (await context.newPage())
    await page.goto('/#/cases')
    await expect(page.getByLabel('案件列表').getByText('民间借贷纠纷', { exact: true })).toBeVisible()
    await page.getByLabel('案件列表').getByText('民间借贷纠纷', { exact: true }).click()
    await expect(page.getByText(NAME).first()).toBeVisible()
    await context.close()
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
})
