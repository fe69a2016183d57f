// @vitest-environment happy-dom
/**
 * 工作台's deadline lists write out NListItem's and NTag's markup instead of mounting them per row
 * (src/components/dashboard/DeadlineList.vue, DeadlineTagLook.ts). The reference is the list as it was
 * drawn before, with the components themselves (NList, NListItem, the router link and DeadlineBadge's
 * NTag): every row must come out as the same elements with the same text, and each badge must draw with
 * the same CSS variables as the NTag it stands for, in the normal size and in 大字模式, also after a
 * switch between them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterLink } from 'vue-router'
import { NConfigProvider, NList, NListItem } from 'naive-ui'
import DeadlineList from '../../../../src/components/dashboard/DeadlineList.vue'
import DeadlineBadge from '../../../../src/components/cases/DeadlineBadge.vue'
import { themeOverridesFor } from '../../../../src/theme'
import type { DeadlineRow } from '../../../../src/domain/dashboardSummary'

const TODAY = '2026-11-22'

/** One row in each state a badge can show (overdue, due today, due soon, time left) and one without a clock. */
const ROWS: DeadlineRow[] = [
  {
    id: 'a1',
    caseNo: '（2026）雉城调字第001号',
    title: '陈秀英与黄海物业服务费纠纷',
    status: 'mediating',
    dueOn: '2026-11-02',
    receivedOn: '2026-09-20',
  },
  { id: 'a2', title: '林国平与郑丽房屋租赁纠纷', status: 'accepted', dueOn: TODAY, receivedOn: '2026-10-20' },
  {
    id: 'a3',
    caseNo: '（2026）雉城调字第003号',
    title: '邻里 纠纷',
    status: 'investigating',
    dueOn: '2026-11-25',
    receivedOn: '2026-10-25',
  },
  {
    id: 'a4',
    caseNo: '（2026）雉城调字第004号',
    title: '婚姻家庭纠纷',
    status: 'drafting',
    dueOn: '2026-12-20',
    receivedOn: '2026-11-20',
  },
  {
    id: 'a5',
    caseNo: '（2026）雉城调字第005号',
    title: '已结案件',
    status: 'closed',
    dueOn: '2026-11-10',
    receivedOn: '2026-10-01',
  },
]

/** The list as it was drawn with the components (the reference). */
const Reference = defineComponent({
  props: { cases: { type: Array as () => DeadlineRow[], required: true } },
  setup(props) {
    return () =>
      h(NList, { showDivider: true }, () =>
        props.cases.map((c) =>
          h(NListItem, { key: c.id }, () =>
            h(RouterLink, { to: { name: 'case', params: { id: c.id } }, class: 'row' }, () => [
              // accepted (the deadline runs) without a number yet: 待编号 (sync, src/domain/syncNumbering.ts)
              h('span', { class: 'no' }, c.caseNo ?? '待编号'),
              h('span', { class: 'title' }, c.title),
              h(DeadlineBadge, { record: c, today: TODAY }),
            ]),
          ),
        ),
      )
  },
})

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

async function mountBoth(base: ReturnType<typeof ref<number>>) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: { render: () => h('div') } },
      { path: '/cases/:id', name: 'case', component: { render: () => h('div') } },
    ],
  })
  await router.push('/')
  await router.isReady()
  const Host = defineComponent(
    () => () =>
      h(NConfigProvider, { themeOverrides: themeOverridesFor(base.value!) }, () => [
        h('section', { id: 'app' }, [
          h(DeadlineList, { title: '已超期', cases: ROWS, today: TODAY, empty: '没有超期案件' }),
        ]),
        h('section', { id: 'reference' }, [h(Reference, { cases: ROWS })]),
      ]),
  )
  wrapper = mount(Host, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
}

/** An element's markup without Vue's comments, scope ids, inline style and the badge's variables class. */
function markup(el: Element): string {
  const copy = el.cloneNode(true) as Element
  const walk = (node: Node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 8) child.remove()
      else walk(child)
    }
    if (node instanceof Element) {
      for (const attr of [...node.attributes])
        if (attr.name.startsWith('data-v-') || attr.name === 'style') node.removeAttribute(attr.name)
      for (const cls of [...node.classList]) if (cls.startsWith('deadline-tag--')) node.classList.remove(cls)
      if (node.getAttribute('class') === '') node.removeAttribute('class')
    }
  }
  walk(copy)
  return copy.outerHTML.replace(/>\s+</g, '><')
}

/** `--n-*: value` pairs of a declaration list. */
function variables(declarations: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of declarations.split(';')) {
    const at = d.indexOf(':')
    if (at > 0) out[d.slice(0, at).trim()] = d.slice(at + 1).trim()
  }
  return out
}

/** The variables the app's stylesheet rules give a badge, by its classes. */
function ruleVariables(badge: Element): Record<string, string> {
  const css = [...document.querySelectorAll('#app style')].map((s) => s.textContent ?? '').join('\n')
  const out: Record<string, string> = {}
  for (const cls of badge.classList) {
    const rule = new RegExp(`\\.${cls} \\{([^}]*)\\}`).exec(css)
    if (rule) Object.assign(out, variables(rule[1]!))
  }
  return out
}

function expectSameAsReference() {
  const mine = [...document.querySelectorAll('#app li')]
  const theirs = [...document.querySelectorAll('#reference li')]
  expect(mine.length).toBe(ROWS.length)
  expect(mine.map(markup)).toEqual(theirs.map(markup))
  const badges = (root: string) => [...document.querySelectorAll(`${root} li .n-tag`)]
  const reference = badges('#reference')
  // four rows have a running clock; the closed case has no badge
  expect(reference.map((b) => b.textContent)).toEqual(['已超期20天', '今天到期', '剩余3天', '剩余28天'])
  badges('#app').forEach((badge, i) => {
    const expected = variables(reference[i]!.getAttribute('style') ?? '')
    expect(Object.keys(expected).length).toBeGreaterThan(20)
    expect(badge.getAttribute('style')).toBeNull()
    expect(ruleVariables(badge), badge.textContent ?? '').toEqual(expected)
  })
}

describe('工作台 deadline list', () => {
  it('draws the same rows and badges as NListItem and NTag, in both text sizes and after a switch', async () => {
    const base = ref(15)
    await mountBoth(base)
    expectSameAsReference()
    // the tag of a due-soon row and of an overdue one differ (the rule is per type)
    const [overdue, dueToday] = [...document.querySelectorAll('#app li .n-tag')]
    expect(ruleVariables(overdue!)['--n-text-color']).not.toBe(ruleVariables(dueToday!)['--n-text-color'])
    const normalHeight = ruleVariables(overdue!)['--n-height']

    base.value = 18
    await nextTick()
    await flushPromises()
    expectSameAsReference()
    expect(ruleVariables(document.querySelector('#app li .n-tag')!)['--n-height']).not.toBe(normalHeight)
  })

  it('shows nothing of the tags it takes the look from', async () => {
    await mountBoth(ref(15))
    const hidden = [...document.querySelectorAll('#app [hidden]')]
    expect(hidden).toHaveLength(1)
    expect(hidden[0]!.getAttribute('aria-hidden')).toBe('true')
    expect(hidden[0]!.textContent?.replace(/\.deadline-tag[^}]*\}/g, '').trim()).toBe('')
  })
})
