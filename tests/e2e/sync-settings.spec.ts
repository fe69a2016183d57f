/**
 * 设置 → 同步 in the browser build against the real loopback CouchDB-protocol server (tests/sync/server.ts,
 * started here in the test process and stopped by its PID): the committee's database is prefilled, a
 * wrong password, a user of another committee and plain http to another computer are refused in Chinese,
 * the right credentials say 连接成功, and 保存 / 停止同步 keep and forget the server.
 */
import { expect, test, type Page } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { openTab } from './helpers/cases'
import { createCommitteeDb, type Credentials } from '../sync/server'
import { useLoopbackServer } from './helpers/loopbackServer'

const pc: Credentials = { name: 'reception', password: 'pw-reception-1' }
const stranger: Credentials = { name: 'other-town', password: 'pw-other-1' }

const server = useLoopbackServer()

// another committee's database on the same server, whose user must get nothing of this one
test.beforeAll(() => createCommitteeDb(server, '0a9b8c7d-1e2f-4a3b-8c5d-6e7f8a9b0c1d', [stranger]))

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true })
const notice = (page: Page) => page.getByTestId('sync-notice')

async function fill(page: Page, values: { url?: string; user?: string; password?: string }) {
  if (values.url !== undefined) await field(page, '服务器地址').fill(values.url)
  if (values.user !== undefined) await field(page, '用户名').fill(values.user)
  if (values.password !== undefined) await field(page, '密码').fill(values.password)
}

async function openSyncTab(page: Page) {
  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click()
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible()
  await openTab(page, '同步')
}

test('设置 → 同步: the committee database, 测试连接 in Chinese, http to another computer refused, 保存 and 停止同步', async ({
  page,
}) => {
  await completeSetup(page)
  await openSyncTab(page)

  // the database is this committee's by name: the office creates it so, with this PC's user in it
  const database = await field(page, '数据库').inputValue()
  expect(database).toMatch(/^mr-[0-9a-f-]{36}$/)
  await createCommitteeDb(server, database.slice('mr-'.length), [pc])

  // plain http to another computer: refused before anything is sent, and nothing saved
  await fill(page, { url: 'http://192.168.1.20:5984', user: pc.name, password: pc.password })
  await page.getByRole('button', { name: '测试连接' }).click()
  await expect(notice(page)).toHaveText('为保护当事人信息，服务器地址须以 https:// 开头（仅本机服务器可用 http://）')
  await page.getByTestId('sync-form').getByRole('button', { name: '保存', exact: true }).click()
  await expect(notice(page)).toContainText('须以 https:// 开头')
  await expect(page.getByRole('button', { name: '停止同步' })).toHaveCount(0)

  // a wrong password
  await fill(page, { url: server.url, password: 'wrong-password' })
  await page.getByRole('button', { name: '测试连接' }).click()
  await expect(notice(page)).toHaveText('连接失败：用户名或密码不正确（或该账号已被停用）')

  // a user of another committee
  await fill(page, { user: stranger.name, password: stranger.password })
  await page.getByRole('button', { name: '测试连接' }).click()
  await expect(notice(page)).toHaveText('连接失败：该账号不属于本调解委员会，无权使用这个数据库')

  // this PC's user: 连接成功 with the server's own version
  const version = ((await server.request('GET', '/')).body as { version: string }).version
  await fill(page, { user: pc.name, password: pc.password })
  await page.getByRole('button', { name: '测试连接' }).click()
  await expect(notice(page)).toHaveText(`连接成功：服务器版本 ${version}，账号和数据库均可用`)
  await shot(page, 'sync-settings-ok', 900)

  await page.getByTestId('sync-form').getByRole('button', { name: '保存', exact: true }).click()
  await expect(notice(page)).toContainText('已保存')

  // a new page: the server is kept, the password is not shown, and 测试连接 uses the saved one
  await page.reload()
  await openSyncTab(page)
  await expect(field(page, '服务器地址')).toHaveValue(server.url)
  await expect(field(page, '用户名')).toHaveValue(pc.name)
  await expect(field(page, '密码')).toHaveValue('')
  await page.getByRole('button', { name: '测试连接' }).click()
  await expect(notice(page)).toHaveText(`连接成功：服务器版本 ${version}，账号和数据库均可用`)
  await shot(page, 'sync-settings-saved', 900)

  await page.getByRole('button', { name: '停止同步' }).click()
  await page.getByRole('button', { name: '停止同步' }).last().click()
  await expect(notice(page)).toContainText('已停止同步')
  await expect(field(page, '服务器地址')).toHaveValue('')
  await expect(field(page, '数据库')).toHaveValue(database)
})
