import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { choose, chooseMany, completeSetup, COMMITTEE, MEDIATORS } from './helpers/setup'
import {
  confirmAction,
  fillDispute,
  fillPerson,
  openTab,
  registerSimpleCase,
  simpleAction,
  startAction,
} from './helpers/cases'
import { draftAgreement, typeDate } from './helpers/agreementDraft'
import { idNumber } from './helpers/people'
import { turnOnAppLock } from './helpers/lock'
import { drawNextSignature, keepSignature, signAllOnScreen } from './helpers/signature'
import { animationsEnded } from './helpers/animations'

/**
 * The user guide's screenshots (resources/guide/images), taken from the built app as a mediator walks
 * each flow the guide describes, so the pictures stay current. Each picture is taken only once its
 * screen shows the words the guide names it by (a heading, a dialog's title, a button), and the guide
 * must name those words: a broken screen or a guide describing another screen fails here.
 */

const GUIDE_DIR = fileURLToPath(new URL('../../resources/guide/', import.meta.url))
const GUIDE = readFileSync(`${GUIDE_DIR}用户指南.md`, 'utf8')
const IMAGES = `${GUIDE_DIR}images/`

/** Every picture the guide shows, each taken by one test below. */
const SHOTS = [
  'setup-committee',
  'setup-mediators',
  'dashboard',
  'case-new',
  'case-accept',
  'case-mediation-record',
  'agreement-editor',
  'agreement-signature',
  'case-documents',
  'case-follow-up',
  'case-archived',
  'large-text',
  'lock-settings',
  'lock-screen',
  'backup',
  'restore-preview',
  'transfer-export',
  'transfer-import',
  'statistics',
  'reception',
] as const
type Shot = (typeof SHOTS)[number]

/** A date `days` from today, as the date fields take it. */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Saves the guide's picture `name` once `named` shows `words` (which the guide must contain): the window,
 * or only `region` (a dialog, a panel) when given. `hide` lists CSS selectors left out of the picture.
 */
async function capture(
  page: Page,
  name: Shot,
  named: Locator,
  words: string,
  options: { region?: Locator; hide?: string[]; height?: number } = {},
) {
  expect(GUIDE, `the guide names “${words}”`).toContain(words)
  expect(GUIDE, `the guide shows images/${name}.png`).toContain(`(images/${name}.png)`)
  await expect(named).toBeVisible()
  await expect(named).toContainText(words)
  // the picture shows what it is named by (a form scrolled to its last field shows it from there)
  await named.scrollIntoViewIfNeeded()
  // passing notices (已受理…) have faded and dialogs have stopped moving: the picture is the screen at rest
  await expect(page.locator('.n-message')).toHaveCount(0)
  await animationsEnded(page)
  await page.evaluate(() => document.fonts.ready)
  mkdirSync(IMAGES, { recursive: true })
  const size = page.viewportSize()
  if (options.height && size) {
    await page.setViewportSize({ width: size.width, height: options.height })
    await page.waitForFunction((h) => window.innerHeight === h, options.height)
  }
  const style = options.hide ? `${options.hide.join(',')} { display: none !important; }` : undefined
  const path = `${IMAGES}${name}.png`
  if (options.region) await options.region.screenshot({ path, style, animations: 'disabled' })
  else await page.screenshot({ path, style, animations: 'disabled' })
  if (options.height && size) await page.setViewportSize(size)
}

test('the guide shows exactly the pictures taken here', () => {
  const shown = [...GUIDE.matchAll(/\]\(images\/([^)]+)\.png\)/g)].map((m) => m[1])
  expect([...shown].sort()).toEqual([...SHOTS].sort())
})

test('第一次使用: the setup steps and 工作台', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('调解委员会全称').fill(COMMITTEE.fullName)
  await page.getByLabel('简称').fill(COMMITTEE.shortName)
  await capture(page, 'setup-committee', page.getByRole('heading', { level: 1 }), '欢迎使用调解室')
  await page.getByRole('button', { name: '下一步' }).click()
  const first = MEDIATORS[0]
  await page.getByLabel('第1位调解员姓名').fill(first.name)
  await page.getByLabel('第1位调解员性别').getByText(first.gender).click()
  await page.getByLabel('第1位调解员电话').fill(first.phone)
  await page.getByLabel('第1位调解员证书编号').fill(first.cert)
  await capture(
    page,
    'setup-mediators',
    page.getByRole('button', { name: '＋ 再添加一位调解员' }),
    '＋ 再添加一位调解员',
  )
  // the whole setup, as a new user completes it (nothing was saved above: setup saves at 完成设置)
  await completeSetup(page)
  await capture(page, 'dashboard', page.getByRole('heading', { level: 1 }), '工作台')
})

test('一个案件: 登记, 受理 and a 调解记录', async ({ page }) => {
  test.setTimeout(120_000)
  await completeSetup(page)
  await page.getByRole('button', { name: '＋ 登记新案件' }).click()
  await fillPerson(page, 1, {
    name: '张桂兰',
    idNumber: idNumber('330102', '19580702', '062'),
    phone: '13600001111',
    address: '城关镇幸福村3组12号',
  })
  await fillPerson(page, 2, { name: '吴志强', phone: '13600002222', address: '城关镇幸福村3组14号' })
  await fillDispute(page, {
    category: '邻里',
    title: '张桂兰与吴志强相邻排水纠纷',
    facts: '吴志强新砌院墙堵住了两家之间的排水沟，雨天张桂兰家院内积水。',
    request: '要求疏通排水沟',
  })
  await capture(page, 'case-new', page.getByRole('heading', { level: 1 }), '登记新案件')
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: '张桂兰与吴志强相邻排水纠纷' })).toBeVisible()

  const accept = await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await choose(page, '记录人', '王𠮷')
  await capture(page, 'case-accept', accept.getByRole('button', { name: '确定受理' }), '确定受理', {
    region: accept,
  })
  await confirmAction(page, '受理')

  await simpleAction(page, '开始调解')
  await openTab(page, '调解记录')
  await page.getByRole('button', { name: '＋ 新建调解记录' }).click()
  await page.getByRole('button', { name: '＋ 添加一方陈述' }).click()
  await page.getByLabel('第1段陈述内容').fill('院墙是在自家宅基地上砌的，可以在墙下留一个排水口。')
  await page.getByLabel('调解结果').fill('双方同意在院墙下留排水口，由吴志强负责施工。')
  await expect(page.getByRole('status', { name: '保存状态' })).toHaveText(/已保存/)
  await capture(page, 'case-mediation-record', page.locator('.n-tabs-tab--active'), '调解记录', { height: 1000 })
})

test('协议, 签名, 文书, 回访, 结案 and 归档', async ({ page }) => {
  test.setTimeout(240_000)
  const caseId = await draftAgreement(page)
  await page.getByLabel('第一条事项').fill('支付拖欠的劳务报酬')
  await page.getByLabel('第一条金额', { exact: true }).fill('8000')
  await typeDate(page, '第一条履行期限', daysFromToday(30))
  await typeDate(page, '第二条履行期限', daysFromToday(30))
  await page.getByLabel('履行方式、时限').fill('周卫东将款项转入孙立新本人银行账户。')
  await expect(page.getByRole('region', { name: '打印前检查' }).locator('[data-level="block"]')).toHaveCount(0)
  await expect(page.getByRole('status', { name: '保存状态' })).toContainText('已保存')
  await expect(page.getByRole('document', { name: '协议预览' })).toHaveAttribute('data-pages', /[1-9]/, {
    timeout: 60_000,
  })
  await capture(page, 'agreement-editor', page.getByRole('heading', { level: 1 }), '人民调解协议书')

  await drawNextSignature(page)
  const pad = page.locator('.n-modal').filter({ has: page.getByRole('button', { name: '确认', exact: true }) })
  await capture(page, 'agreement-signature', pad.getByRole('button', { name: '重签' }), '重签', {
    region: pad,
  })
  await keepSignature(page)
  await signAllOnScreen(page)
  await page.getByRole('button', { name: '确认生效并锁定' }).click()
  await page.getByRole('button', { name: '继续不加印章' }).click()
  await animationsEnded(page) // the question has grown in: a click in its first frames misses
  await page.getByRole('dialog').getByRole('button', { name: '确认生效并锁定' }).click()
  await expect(page.getByText('第1版 · 已生效（锁定）')).toBeVisible()

  await page.goto(`/#/cases/${caseId}?tab=agreement`)
  await page.getByRole('button', { name: '本案文书' }).click()
  const documents = page.getByRole('dialog').filter({ hasText: '本案文书' })
  await expect(documents.getByRole('button', { name: '打印：人民调解协议书' })).toBeVisible()
  await capture(page, 'case-documents', documents.getByText('本案文书', { exact: true }), '本案文书', {
    region: documents,
  })
  await page.keyboard.press('Escape')
  await expect(documents).toBeHidden()

  await openTab(page, '履行')
  await page.locator('.n-tab-pane').getByRole('button', { name: '登记履行情况' }).click()
  await page.getByLabel('履行情况').getByText('已全部履行').click()
  await page.getByLabel('履行说明').fill('周卫东已通过银行转账付清8000元。')
  await confirmAction(page, '登记履行情况')

  await openTab(page, '回访')
  await page.getByLabel('回访履行情况').getByText('已全部履行').click()
  await page.getByLabel('满意度').getByText('满意', { exact: true }).click()
  await page.getByLabel('回访情况').fill('电话回访，孙立新已收到全部报酬，双方没有再起争执。')
  await capture(page, 'case-follow-up', page.getByRole('button', { name: '保存回访记录' }), '保存回访记录')
  await page.getByRole('button', { name: '保存回访记录' }).click()
  await expect(page.getByRole('cell', { name: '电话回访，孙立新已收到全部报酬，双方没有再起争执。' })).toBeVisible()

  await startAction(page, '结案')
  await page.getByLabel('结案情况').fill('经调解达成书面协议并全部履行，回访满意。')
  await confirmAction(page, '结案')
  await simpleAction(page, '归档')
  await capture(page, 'case-archived', page.getByText('本案已归档，只能查看'), '本案已归档，只能查看')
})

test('大字模式, 锁屏和 PIN', async ({ page }) => {
  await completeSetup(page)
  const nav = page.getByRole('navigation', { name: '主导航' })
  await page.getByText('大字模式', { exact: true }).click()
  await expect(page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
  await capture(page, 'large-text', page.getByText('大字模式', { exact: true }), '大字模式')
  await page.getByText('大字模式', { exact: true }).click()
  await expect(page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'false')

  await nav.getByText('设置', { exact: true }).click()
  await openTab(page, '应用锁')
  await turnOnAppLock(page)
  await capture(page, 'lock-settings', page.getByRole('button', { name: '保存应用锁设置' }), '保存应用锁设置')

  await page.getByRole('button', { name: '锁定' }).click()
  const lock = page.getByRole('dialog', { name: '应用已锁定' })
  await capture(page, 'lock-screen', lock.locator('.n-card-header'), '调解室已锁定', {
    region: lock.locator('.n-card'),
  })
})

test('备份到U盘 and 恢复数据', async ({ page }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '周桂兰与吴志强相邻排水纠纷',
    category: '邻里',
    applicant: { name: '周桂兰' },
    respondent: { name: '吴志强' },
  })
  await page.goto('/#/settings')
  await openTab(page, '备份与恢复')
  await expect(page.getByText('还没有备份。点“立即备份”做第一份。')).toBeVisible()
  await page.getByRole('button', { name: '立即备份' }).click()
  await expect(page.getByTestId('backup-result')).toContainText('备份完成并已校验')
  await expect(page.getByTestId('backup-list').locator('tr', { hasText: '手动备份' })).toContainText('✓ 完好')
  // the browser build's note that it cannot choose a folder: the guide shows the desktop app's screen
  await capture(page, 'backup', page.getByTestId('backup-result'), '备份完成并已校验', {
    hide: ['section[aria-label="备用文件夹"]'],
  })

  await page
    .getByTestId('backup-list')
    .locator('tr', { hasText: '手动备份' })
    .getByRole('button', { name: '从此备份恢复' })
    .click()
  const preview = page.getByLabel('恢复预览')
  await capture(page, 'restore-preview', preview.getByRole('button', { name: '确认恢复' }), '确认恢复', {
    region: preview,
  })
  await preview.getByRole('button', { name: '取消' }).click()
  await expect(preview).toHaveCount(0)
})

test('把案件发送给市中心: export, then import at another PC', async ({ page, browser }) => {
  test.setTimeout(120_000)
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '周桂兰与吴志强相邻排水纠纷',
    category: '邻里',
    applicant: { name: '周桂兰', phone: '13600001111' },
    respondent: { name: '吴志强', phone: '13600002222' },
  })
  await page.goto('/#/settings')
  await openTab(page, '数据交换')
  const exportPanel = page.getByRole('region', { name: '导出' })
  await capture(page, 'transfer-export', exportPanel.getByRole('heading', { name: '导出到文件' }), '导出到文件', {
    region: exportPanel,
  })
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出文件' }).click(),
  ])
  await expect(page.getByTestId('export-result')).toContainText('已导出')
  const file = readFileSync(await download.path())

  // the city centre's PC: its own profile, set up as another committee would
  const centre = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  })
  const other = await centre.newPage()
  await completeSetup(other)
  await other.goto('/#/settings')
  await openTab(other, '数据交换')
  await other
    .getByLabel('选择导入文件')
    .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file })
  const preview = other.getByLabel('导入预览')
  await expect(preview.getByTestId('import-source')).toContainText('来源已验证')
  await capture(other, 'transfer-import', preview.getByRole('button', { name: '确认导入' }), '确认导入', {
    region: other.getByRole('region', { name: '导入', exact: true }),
  })
  await centre.close()
})

test('统计报表 and 接待登记', async ({ page }) => {
  await completeSetup(page)
  // a case accepted this month, so that 统计 has a figure to show
  await registerSimpleCase(page, {
    title: '周桂兰与吴志强相邻排水纠纷',
    category: '邻里',
    applicant: { name: '周桂兰' },
    respondent: { name: '吴志强' },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['赵建国'])
  await confirmAction(page, '受理')
  const nav = page.getByRole('navigation', { name: '主导航' })
  await nav.getByText('接待', { exact: true }).click()
  await page.getByLabel('来访人', { exact: true }).fill('钱秀英')
  await page.getByLabel('联系电话').fill('13500003333')
  await page.getByLabel('简要情况').fill('咨询老人赡养费怎么计算')
  await page.getByLabel('分流').getByText('1 当场解答').click()
  await page.getByLabel('解答内容').fill('告知可先协商，协商不成可申请调解')
  await page.getByLabel('接待人').fill('李淑珺')
  await capture(page, 'reception', page.getByRole('heading', { level: 1 }), '接待登记')
  await page.getByRole('button', { name: '保存（Ctrl+Enter）' }).click()
  await expect(page.getByLabel('接待记录').getByText('钱秀英')).toBeVisible()

  await nav.getByText('统计', { exact: true }).click()
  await expect(page.locator('table[aria-label="接待登记"]').getByLabel('接待次数 1')).toBeVisible()
  await expect(page.getByRole('link', { name: '邻里 受理合计 1' })).toBeVisible()
  await capture(page, 'statistics', page.getByRole('heading', { level: 1 }), '统计')
})
