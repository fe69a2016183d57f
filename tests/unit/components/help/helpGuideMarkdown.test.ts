/**
 * The 帮助 page renders the user guide's Markdown: headings get ids and a table of contents, the guide's
 * images resolve to the bundled files, and nothing in the source can put HTML or a link on the page.
 * Expected values are written out by hand.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  guideImageUrls,
  headingId,
  renderGuide,
  resolveGuideImage,
} from '../../../../src/components/help/guideMarkdown'

const URLS = { 'images/setup.png': '/assets/setup-abc123.png', 'images/lock.png': 'data:image/png;base64,AAAA' }

describe('guideImageUrls', () => {
  it('names each bundled image by the path the Markdown uses', () => {
    expect(
      guideImageUrls({
        '../../../resources/guide/images/setup.png': '/assets/setup-abc123.png',
        '../../../resources/guide/images/case-accept.png': './assets/case-accept-9f.png',
      }),
    ).toEqual({
      'images/setup.png': '/assets/setup-abc123.png',
      'images/case-accept.png': './assets/case-accept-9f.png',
    })
  })
})

describe('resolveGuideImage', () => {
  it.each([
    ['images/setup.png', '/assets/setup-abc123.png'],
    ['./images/setup.png', '/assets/setup-abc123.png'],
    [' images/lock.png ', 'data:image/png;base64,AAAA'],
    ['images/none.png', undefined],
    ['setup.png', undefined],
    ['https://example.com/images/setup.png', undefined],
    ['constructor', undefined],
  ])('%s → %s', (src, url) => {
    expect(resolveGuideImage(src, URLS)).toBe(url)
  })
})

describe('headingId', () => {
  it.each([
    ['第一次使用（设置委员会、调解员、PIN）', 'guide-第一次使用-设置委员会-调解员-pin'],
    ['大字模式', 'guide-大字模式'],
    ['备份到U盘', 'guide-备份到u盘'],
    ['1. 登记', 'guide-1-登记'],
    ['（）', 'guide-section'],
  ])('%s → %s', (title, id) => {
    expect(headingId(title)).toBe(id)
  })
})

describe('renderGuide', () => {
  it('gives each heading an id and lists the level-2 headings as sections', () => {
    const { html, sections } = renderGuide('# 用户指南\n\n## 大字模式\n\n### 打开\n\n## 锁屏和 PIN\n\n文字', {})
    expect(html).toContain('<h2 id="guide-大字模式" tabindex="-1">大字模式</h2>')
    expect(html).toContain('<h3 id="guide-打开">打开</h3>')
    expect(html).toContain('<h2 id="guide-锁屏和-pin" tabindex="-1">锁屏和 PIN</h2>')
    expect(sections).toEqual([
      { id: 'guide-大字模式', title: '大字模式' },
      { id: 'guide-锁屏和-pin', title: '锁屏和 PIN' },
    ])
  })

  it('takes the first level-1 heading out of the body as the title', () => {
    const { title, html } = renderGuide('# 调解室用户指南\n\n开头的话\n\n# 附录\n', {})
    expect(title).toBe('调解室用户指南')
    expect(html).toBe('<p>开头的话</p>\n<h1 id="guide-附录">附录</h1>\n')
  })

  it('has an empty title when the guide has none', () => {
    expect(renderGuide('## 大字模式\n', {}).title).toBe('')
  })

  it('keeps ids unique when two headings have the same words', () => {
    const { sections } = renderGuide('## 打印\n\n## 打印\n', {})
    expect(sections.map((s) => s.id)).toEqual(['guide-打印', 'guide-打印-2'])
  })

  it('shows raw HTML in the source as text, never as markup', () => {
    const { html } = renderGuide(
      '<script>alert(1)</script>\n\n点<img src=x onerror="alert(2)">这里\n\n## <b>粗</b>\n',
      {},
    )
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;')
    expect(html).toContain('&lt;b&gt;粗&lt;/b&gt;')
  })

  it('makes no links, not even javascript: or web addresses', () => {
    const { html } = renderGuide(
      '[点我](javascript:alert(1)) 和 [网站](https://example.com) 和 <https://example.com>',
      {},
    )
    expect(html).not.toContain('<a')
    expect(html).not.toContain('href')
  })

  it('points the guide’s images at the bundled files, with their descriptions', () => {
    const { html } = renderGuide('![第一步：填写调解委员会](images/setup.png)\n\n![锁屏](./images/lock.png)', URLS)
    expect(html).toContain('<img src="/assets/setup-abc123.png" alt="第一步：填写调解委员会" loading="lazy">')
    expect(html).toContain('<img src="data:image/png;base64,AAAA" alt="锁屏" loading="lazy">')
  })

  it('shows the description of an image the bundle does not hold, and never loads an outside address', () => {
    const { html } = renderGuide(
      '![旧图](images/gone.png) ![外面](https://example.com/x.png) ![坏<b>](x" onerror="y)',
      URLS,
    )
    expect(html).not.toContain('<img')
    expect(html).toContain('<span class="missing-image">［图：旧图］</span>')
    expect(html).toContain('<span class="missing-image">［图：外面］</span>')
    expect(html).not.toContain('<b>')
  })

  it('renders numbered steps, bold button names and tables', () => {
    const { html } = renderGuide(
      '1. 点 **下一步**。\n2. 点 **完成设置**。\n\n| 键 | 作用 |\n| - | - |\n| Ctrl+Enter | 保存 |\n',
      {},
    )
    expect(html).toContain(
      '<ol>\n<li>点 <strong>下一步</strong>。</li>\n<li>点 <strong>完成设置</strong>。</li>\n</ol>',
    )
    expect(html).toContain('<td>Ctrl+Enter</td>')
  })
})

describe('the user guide itself (resources/guide/用户指南.md)', () => {
  const dir = new URL('../../../../resources/guide/', import.meta.url)
  const source = readFileSync(new URL('用户指南.md', dir), 'utf8')
  const onDisk = readdirSync(new URL('images/', dir)).filter((f) => f.endsWith('.png'))

  it('has the sections issue #15 asks for, in order, under its title', () => {
    const guide = renderGuide(source, {})
    expect(guide.title).toBe('调解室用户指南')
    expect(guide.sections.map((s) => s.title)).toEqual([
      '第一次使用（设置委员会、调解员、PIN）',
      '一个案件从登记到归档',
      '打印和签名',
      '大字模式',
      '锁屏和 PIN',
      '备份到U盘',
      '恢复数据',
      '把案件发送给市中心（传输文件）',
      '统计报表',
      '接待登记',
    ])
  })

  it('shows every picture in images/ and no other, each with a description', () => {
    const urls = guideImageUrls(
      Object.fromEntries(onDisk.map((f) => [`../../../resources/guide/images/${f}`, `/${f}`])),
    )
    const { html } = renderGuide(source, urls)
    expect(html).not.toContain('missing-image')
    const shown = [...html.matchAll(/<img src="\/([^"]+)" alt="([^"]*)"/g)]
    expect(shown.map((m) => m[1]).sort()).toEqual([...onDisk].sort())
    for (const m of shown) expect(m[2]).not.toBe('')
  })
})
