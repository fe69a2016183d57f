import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openTab } from './helpers/cases'
import { shot } from './helpers/setup'

interface SchemaFixture {
  version: number
  stores: Record<string, string>
  tables: Record<string, unknown[]>
}

const fixture = (version: number): SchemaFixture =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../fixtures/schema-v${version}.json`), 'utf8')) as SchemaFixture

// Both released layouts with separate case, party and session tables: v1 (older search keys) and v2.
for (const old of [fixture(1), fixture(2)]) {
  test(`a database written by schema v${old.version} is backed up, then upgraded: its case is found by name and pinyin, its parties and session kept`, async ({
    page,
  }) => {
    // A blank page of the app's origin, so that the old database exists before the app first opens it.
    await page.route('**/seed-old.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }),
    )
    await page.goto('/seed-old.html')
    await page.evaluate(async (fixture) => {
      // The object stores and indexes Dexie makes for a `stores()` declaration (native version = 10 × Dexie's).
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('mediation-room', fixture.version * 10)
        request.onupgradeneeded = () => {
          for (const [name, spec] of Object.entries(fixture.stores)) {
            const [primary, ...indexes] = spec.split(',').map((s) => s.trim())
            const store = request.result.createObjectStore(name, { keyPath: primary })
            for (const index of indexes) {
              if (index.startsWith('[')) store.createIndex(index, index.slice(1, -1).split('+'))
              else if (index.startsWith('*')) store.createIndex(index.slice(1), index.slice(1), { multiEntry: true })
              else if (index.startsWith('&')) store.createIndex(index.slice(1), index.slice(1), { unique: true })
              else store.createIndex(index, index)
            }
          }
        }
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const tx = db.transaction(Object.keys(fixture.tables), 'readwrite')
          for (const [table, rows] of Object.entries(fixture.tables))
            for (const row of rows) tx.objectStore(table).add(row)
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      })
    }, old)

    // The upgrade steps load as their own chunk: held back a moment, the upgrade is seen as it runs.
    let releaseUpgrade: () => void = () => undefined
    const upgradeHeld = new Promise<void>((resolve) => (releaseUpgrade = resolve))
    await page.route(/\/assets\/migrations-[^/]*\.js$/, async (route) => {
      await upgradeHeld
      await route.continue()
    })
    await page.goto('/')
    const notice = page.getByRole('status').filter({ hasText: '调解室正在更新本机数据' })
    await expect(notice).toContainText('第二步：转换数据格式（备份已完成）')
    await expect(notice).toContainText('请不要关闭调解室')
    await shot(page, `upgrade-notice-v${old.version}`)
    releaseUpgrade()
    await expect(notice).toBeHidden()
    await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()

    // v1 stored only the two full names as keys; the case is now found by pinyin initials too (赵堃: zk).
    await page.goto('/#/cases')
    await page.getByLabel('搜索案件').fill('zk')
    await expect(page.getByText('共 1 件')).toBeVisible()
    await expect(page.getByLabel('案件列表').getByText('相邻通行纠纷')).toBeVisible()
    // Its parties and its session moved into the case's record with it.
    await page.getByLabel('案件列表').getByText('相邻通行纠纷').click()
    await expect(page.getByText('王𠮷').first()).toBeVisible()
    await openTab(page, '调解记录')
    await expect(page.getByText('第1次').first()).toBeVisible()

    // The old database was kept as it was, before the upgrade touched it.
    await page.goto('/#/settings')
    await openTab(page, '备份与恢复')
    const row = page.getByTestId('backup-list').locator('tr', { hasText: '升级前备份' })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('1 件')
    await expect(row).toContainText('✓ 完好')
    await shot(page, `pre-upgrade-backup-v${old.version}`)
  })
}
