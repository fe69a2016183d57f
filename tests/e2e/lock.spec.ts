import { expect, test } from '@playwright/test'
import { completeSetup } from './helpers/setup'
import { openTab, registerSimpleCase } from './helpers/cases'
import { submitPassword, turnOnAppLock, unlockWith } from './helpers/lock'

const CASE_TITLE = '孙秀英与钱国栋宅基地边界纠纷'

/**
 * Records, from the page's first byte, whether anything of the app (the shell, a case name) was put
 * into the page before the lock screen: a MutationObserver sees nodes as they are added, before paint.
 */
function watchForShellBeforeLock(caseTitle: string) {
  const w = window as unknown as { __beforeLock: string[]; __lockSeen: boolean }
  w.__beforeLock = []
  w.__lockSeen = false
  new MutationObserver(() => {
    if (w.__lockSeen) return
    if (document.querySelector('[aria-label="应用已锁定"]')) {
      w.__lockSeen = true
      return
    }
    for (const selector of ['nav[aria-label="主导航"]', '.shell', '.brand', '.n-layout-sider']) {
      if (document.querySelector(selector)) w.__beforeLock.push(selector)
    }
    if (document.body?.textContent?.includes(caseTitle)) w.__beforeLock.push(caseTitle)
  }).observe(document, { childList: true, subtree: true, characterData: true })
}

test('the app lock hides the cases until a mediator enters the right password', async ({ page }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: CASE_TITLE,
    category: '邻里',
    applicant: { name: '孙秀英' },
    respondent: { name: '钱国栋' },
  })
  await page.goto('/#/')
  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click()
  await openTab(page, '应用锁')

  // Enabling without any password would lock everyone out: refused with a message.
  await page.getByLabel('启用应用锁').click()
  await page.getByRole('button', { name: '保存应用锁设置' }).click()
  await expect(page.getByText('请先为至少一名在岗调解员设置密码')).toBeVisible()

  await page
    .getByRole('row', { name: /李淑珺/ })
    .getByRole('button', { name: '设置密码' })
    .click()
  await submitPassword(page, '123456')
  await expect(page.getByText('数字密码过于简单')).toBeVisible()
  // 4 digits fall to guessing: new PINs have at least 6
  await submitPassword(page, '2580')
  await expect(page.getByText('数字密码应为6至12位数字')).toBeVisible()
  await submitPassword(page, '258013')
  await expect(page.getByRole('row', { name: /李淑珺/ }).getByText('已设置')).toBeVisible()

  await page.getByRole('button', { name: '保存应用锁设置' }).click()
  await expect(page.getByText('已保存', { exact: true })).toBeVisible()

  // A restart starts locked, and nothing of the app is on the page, not even for a moment before the lock.
  await page.addInitScript(watchForShellBeforeLock, CASE_TITLE)
  await page.reload()
  await expect(page.getByRole('dialog', { name: '应用已锁定' })).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __beforeLock: string[] }).__beforeLock)).toEqual([])
  await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0)
  await unlockWith(page, '0000')
  await expect(page.getByText('密码不正确')).toBeVisible()
  await unlockWith(page, '258013')
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()
  await expect(page.locator('.who')).toContainText('李淑珺')

  // 锁定 locks at once.
  await page.getByRole('button', { name: '锁定' }).click()
  await expect(page.getByRole('dialog', { name: '应用已锁定' })).toBeVisible()

  // Five wrong passwords pause unlocking; closing and reopening the app does not end the pause.
  for (let i = 0; i < 5; i++) {
    await unlockWith(page, `99999${i}`)
    await expect(page.getByText('密码不正确')).toBeVisible()
    await expect(page.getByLabel('解锁密码')).toHaveValue('')
  }
  await unlockWith(page, '258013')
  await expect(page.getByText(/错误次数过多，请 \d+ 秒后再试/)).toBeVisible()
  await page.reload()
  await expect(page.getByRole('dialog', { name: '应用已锁定' })).toBeVisible()
  await unlockWith(page, '258013')
  await expect(page.getByText(/错误次数过多，请 \d+ 秒后再试/)).toBeVisible()
  await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0)
})

/** What an older release stored for a 4-digit PIN: PBKDF2-SHA256 with a random salt, written straight into the store. */
async function storeOldShortPin(page: import('@playwright/test').Page, pin: string, owner: string) {
  await page.evaluate(
    async ({ pin, owner }) => {
      const hex = (bytes: ArrayBuffer | Uint8Array) =>
        [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')
      const salt = crypto.getRandomValues(new Uint8Array(16))
      const iterations = 1000
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
      const hash = hex(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256))
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('mediation-room')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      // The store seals its settings now; an older release's row was clear, which the app still reads. The PIN's
      // owner is found by name (mediators' names stay clear, src/db/README.md).
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['mediators', 'settings'], 'readwrite')
        const read = tx.objectStore('mediators').getAll()
        read.onsuccess = () => {
          const owners = (read.result as { id: string; name: string }[]).filter((m) => m.name === owner)
          const value = Object.fromEntries(owners.map((m) => [m.id, { salt: hex(salt), hash, iterations }]))
          tx.objectStore('settings').put({ key: 'lock.secrets', value, updatedAt: new Date().toISOString() })
        }
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    },
    { pin, owner },
  )
}

test('a 4-digit PIN from an older release still unlocks, and 设置 asks its owner to change it', async ({ page }) => {
  await completeSetup(page)
  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click()
  await openTab(page, '应用锁')
  await turnOnAppLock(page)

  await storeOldShortPin(page, '2580', '李淑珺')
  await page.reload()
  await unlockWith(page, '2580')
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()

  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click()
  await openTab(page, '应用锁')
  await expect(page.getByTestId('weak-secrets')).toContainText('李淑珺的数字密码少于6位')
  await expect(page.getByRole('row', { name: /李淑珺/ }).getByText('请修改')).toBeVisible()
  await page
    .getByRole('row', { name: /李淑珺/ })
    .getByRole('button', { name: '修改密码' })
    .click()
  await submitPassword(page, '369258')
  await expect(page.getByRole('row', { name: /李淑珺/ }).getByText('已设置')).toBeVisible()
  await expect(page.getByTestId('weak-secrets')).toHaveCount(0)
})
