/**
 * The axe check itself (helpers/axe.ts), on pages built for it: what it must not let pass. Each case is a
 * way a screen's contrast went unchecked while the check passed, or was left unchecked where it can be
 * measured.
 */
import { expect, test } from '@playwright/test'
import { blockingViolations } from './helpers/axe'

test('a rule axe gave up on fails the check: the contrast of a scrolled nested panel', async ({ page }) => {
  // A panel that scrolls, inside a column that scrolls, mostly scrolled out of view above: axe's
  // color-contrast throws "Element midpoint exceeds the grid bounds" and reports the whole rule as
  // incomplete with an error, so no text of the page was checked (the agreement page's sticky 打印前检查
  // column did this under the 本案文书 drawer).
  await page.setContent(`<!doctype html><html lang="zh-CN"><title>t</title><body style="margin:0">
    <div style="height:400px;overflow:hidden"><main id="outer" style="height:400px;overflow:auto">
      <div id="inner" style="height:1000px;overflow:auto">
        <div style="height:2000px"><p style="margin:0;padding-top:960px;color:#111">面板底部的文字</p></div>
      </div>
      <div style="height:1200px"><p style="color:#111">栏目的文字</p></div>
    </main></div></body></html>`)
  await page.evaluate(() => {
    document.querySelector('#outer')!.scrollTop = 900
  })
  const found = await blockingViolations(page, 'nested')
  expect(
    found.some((l) => l.includes('axe could not check color-contrast')),
    found.join('\n'),
  ).toBe(true)
})

test('a question straddling a drawer: its words are measured, and a faint one fails', async ({ page }) => {
  // a white box over two different things whose lines each lie over a different one: axe leaves its
  // contrast unchecked (elmPartiallyObscuring); the check measures it above the box's white
  const box = (id: string, colour: string, top: number) => `
    <div id="${id}" style="position:fixed;left:100px;top:${top}px;width:400px;background:#fff;padding:8px">
      <p id="${id}-text" style="margin:0;font-size:16px;line-height:24px;color:${colour}">同步服务器保留的是另一台电脑先确认的那一份。仍要打印（保存）本机的这一份吗？建议先与那台电脑的调解员核对，以当事人实际签字的那一份为准。</p>
    </div>`
  // the page and a drawer beside it, each box's full first line centred over the drawer, its short last
  // line over the page
  await page.setContent(`<!doctype html><html lang="zh-CN"><title>t</title><body style="margin:0">
    <div style="position:fixed;left:0;top:0;width:280px;height:800px;background:#ddd">页面</div>
    <div style="position:fixed;left:280px;top:0;width:1000px;height:800px;background:#eee">抽屉</div>
    ${box('faint', '#b0b0b0', 60)}${box('clear', '#333', 360)}</body></html>`)
  const found = await blockingViolations(page, 'straddle', ['#faint', '#clear'])
  expect(found.filter((l) => l.includes('#faint-text'))).toEqual([expect.stringMatching(/2\.\d\d:1, under 4.5:1/)])
  expect(found.filter((l) => l.includes('#clear-text'))).toEqual([])
})
