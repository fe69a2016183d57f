import MarkdownIt from 'markdown-it'

/** A section of the guide, for the table of contents. */
export interface GuideSection {
  id: string
  title: string
}

export interface RenderedGuide {
  /** the guide's title (its first level-1 heading), which the page shows above the contents */
  title: string
  /** the guide without its title */
  html: string
  /** the level-2 headings, in order */
  sections: GuideSection[]
}

/**
 * The guide's images as the Markdown names them (`images/x.png`), from the bundler's URLs keyed by
 * the path the glob was written with (`../../../resources/guide/images/x.png`).
 */
export function guideImageUrls(bundled: Record<string, string>): Record<string, string> {
  const urls: Record<string, string> = {}
  for (const [path, url] of Object.entries(bundled)) {
    const name = path.split('/').pop()
    if (name) urls[`images/${name}`] = url
  }
  return urls
}

/** The bundled URL of an image path written in the Markdown (`images/x.png` or `./images/x.png`). */
export function resolveGuideImage(src: string, urls: Record<string, string>): string | undefined {
  const path = src.trim().replace(/^\.\//, '')
  return Object.hasOwn(urls, path) ? urls[path] : undefined
}

/** A heading's id: its letters and digits (Chinese included), so the same heading keeps the same id. */
export function headingId(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  return `guide-${slug || 'section'}`
}

/**
 * Renders the user guide's Markdown for the 帮助 page. Raw HTML in the source is shown as text
 * (html:false) and links are not made (the page is offline, and a link would navigate the app's
 * window away), so the guide cannot put anything on the page but text, headings, lists, tables and
 * its own images. An image the bundle does not hold shows its description instead.
 */
export function renderGuide(source: string, imageUrls: Record<string, string>): RenderedGuide {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  md.disable(['link', 'autolink'])

  let title = ''
  const sections: GuideSection[] = []
  const used = new Set<string>()
  md.core.ruler.push('guide_heading_ids', (state) => {
    // the title leaves the body: the page puts it above the contents
    const first = state.tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1')
    if (first >= 0) {
      title = state.tokens[first + 1]?.content ?? ''
      state.tokens.splice(first, 3)
    }
    const tokens = state.tokens
    tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return
      const title = tokens[i + 1]?.content ?? ''
      let id = headingId(title)
      for (let n = 2; used.has(id); n++) id = `${headingId(title)}-${n}`
      used.add(id)
      token.attrSet('id', id)
      if (token.tag !== 'h2') return
      // the contents link moves the focus to its section's heading
      token.attrSet('tabindex', '-1')
      sections.push({ id, title })
    })
  })

  md.renderer.rules.image = (tokens, idx, _options, env, self) => {
    const token = tokens[idx]!
    const alt = self.renderInlineAsText(token.children ?? [], md.options, env)
    const url = resolveGuideImage(token.attrGet('src') ?? '', imageUrls)
    const escapedAlt = md.utils.escapeHtml(alt)
    if (!url) return `<span class="missing-image">［图：${escapedAlt}］</span>`
    return `<img src="${md.utils.escapeHtml(url)}" alt="${escapedAlt}" loading="lazy">`
  }

  const html = md.render(source)
  return { title, html, sections }
}
