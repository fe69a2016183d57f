import { expect, test, type Page } from '@playwright/test'
import { choose, completeSetup, ROOM, shot } from './helpers/setup'
import { openTab } from './helpers/cases'

async function fillCommittee(page: Page, fullName: string) {
  await page.getByLabel('调解委员会全称').fill(fullName)
  await page.getByLabel('简称').fill('城关镇')
  await page.getByLabel('地址').fill('城关镇人民路1号')
  await page.getByLabel('联系电话').fill('0571-88886666')
}

test('a new user completes first-run setup and everything is still there after a reload', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toBeVisible()

  await fillCommittee(page, '城关镇人民调解委员会')
  await page.getByRole('button', { name: '下一步' }).click()

  await page.getByLabel('第1位调解员姓名').fill('李淑珺')
  await page.getByLabel('第1位调解员性别').getByText('女').click()
  await page.getByLabel('第1位调解员电话').fill('13812345678')
  await page.getByLabel('第1位调解员证书编号').fill('TJ-2026-001')
  await page.getByRole('button', { name: '＋ 再添加一位调解员' }).click()
  await page.getByLabel('第2位调解员姓名').fill('王𠮷')
  await page.getByLabel('第2位调解员性别').getByText('男').click()
  await page.getByLabel('第2位调解员电话').fill('13987654321')
  await page.getByLabel('第2位调解员证书编号').fill('TJ-2026-002')
  await choose(page, '第2位调解员角色', '记录人')
  await page.getByRole('button', { name: '下一步' }).click()

  await page.getByLabel('第1个调解室名称').fill('老李调解工作室')
  await choose(page, '第1个调解室牵头调解员', '李淑珺')
  await page.getByRole('button', { name: '下一步' }).click()

  await expect(page.getByText('城关镇人民调解委员会（城关镇）')).toBeVisible()
  await page.getByRole('button', { name: '完成设置' }).click()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()

  await page.reload()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click()
  await expect(page.getByLabel('调解委员会全称')).toHaveValue('城关镇人民调解委员会')
  await openTab(page, '调解员')
  await expect(page.getByText('王𠮷')).toBeVisible()
  await expect(page.getByText('李淑珺')).toBeVisible()
  await openTab(page, '调解室')
  await expect(page.getByText('老李调解工作室')).toBeVisible()
})

test('bad input in setup shows the Chinese message and saves nothing', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByText('请填写调解委员会全称')).toBeVisible()
  await expect(page.getByText('请填写简称，它会出现在案件编号中')).toBeVisible()

  await fillCommittee(page, '城关镇调解办')
  await page.getByLabel('案件编号规则').fill('（{年}）{简称}调字号')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByText('全称应以“调解委员会”结尾，如“XX镇人民调解委员会”')).toBeVisible()
  await expect(page.getByText(/\{序号\}/).first()).toBeVisible()

  // pasted from a web page or a chat: a zero-width space in the short name, a right-to-left override at
  // the pattern's end; neither shows on screen, so the message says what to do
  await page.getByLabel('调解委员会全称').fill('城关镇\u2060人民调解委员会')
  await page.getByLabel('简称').fill('城关\u200b镇')
  await page.getByLabel('案件编号规则').fill('（{年}）{简称}调字第{序号:3}号\u202e')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByText('全称里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入')).toBeVisible()
  await expect(page.getByText('简称里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入')).toBeVisible()
  await expect(page.getByText('编号格式里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入')).toBeVisible()
  await expect(page.getByLabel('第1位调解员姓名')).toHaveCount(0)
  await shot(page, 'setup-hidden-characters', 900)
  await page.getByLabel('简称').fill('城关镇')

  await page.getByLabel('调解委员会全称').fill('城关镇人民调解委员会')
  await page.getByLabel('案件编号规则').fill('（{年}）{简称}调字第{序号:3}号')
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('第1位调解员姓名').fill('张三')
  await page.getByLabel('第1位调解员电话').fill('12345')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByText('请选择性别')).toBeVisible()
  await expect(page.getByText(/手机号码|电话号码/).first()).toBeVisible()

  // Nothing was stored: a reload lands on the setup again, with an empty form.
  await page.reload()
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toBeVisible()
  await expect(page.getByLabel('调解委员会全称')).toHaveValue('')
  const stored = await page.evaluate(async () => {
    const dbs = await indexedDB.databases()
    if (!dbs.some((d) => d.name === 'mediation-room')) return 0
    return await new Promise<number>((resolve, reject) => {
      const req = indexedDB.open('mediation-room')
      req.onsuccess = () => {
        const tx = req.result.transaction(['committees', 'mediators', 'rooms'], 'readonly')
        let total = 0
        let pending = 3
        for (const name of ['committees', 'mediators', 'rooms']) {
          const c = tx.objectStore(name).count()
          c.onsuccess = () => {
            total += c.result
            if (--pending === 0) resolve(total)
          }
        }
      }
      req.onerror = () => reject(req.error)
    })
  })
  expect(stored).toBe(0)
})

test('adding a room and a mediator in 设置 saves them and closes the dialog', async ({ page }) => {
  await completeSetup(page)
  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click()
  await openTab(page, '调解室')
  await page.getByRole('button', { name: '＋ 添加调解室' }).click()
  await page.getByLabel('调解室名称').fill('和事佬调解室')
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByRole('cell', { name: '和事佬调解室' })).toBeVisible()

  // a name already taken is marked on the field being typed, and nothing is saved
  await page.getByRole('button', { name: '＋ 添加调解室' }).click()
  await page.getByLabel('调解室名称').fill(ROOM)
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('dialog').getByText('与第1个调解室重名')).toBeVisible()
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click()
  await expect(page.getByRole('cell', { name: ROOM })).toHaveCount(1)

  await openTab(page, '调解员')
  await page.getByRole('button', { name: '＋ 添加调解员' }).click()
  await page.getByLabel('第1位调解员姓名').fill('欧阳喆')
  await page.getByLabel('第1位调解员性别').getByText('男').click()
  await page.getByLabel('第1位调解员电话').fill('13700001234')
  await page.getByLabel('第1位调解员证书编号').fill('TJ-2026-009')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByRole('cell', { name: '欧阳喆' })).toBeVisible()
})
