/**
 * The look of Naive UI's small round tag (NTag) for the deadline badges of 工作台's two lists, given to
 * plain elements by class. An NTag per row was most of the time it took to fill the lists (each instance
 * merges the theme and computes and sets ~40 CSS variables: ~1.7 ms a row on a busy PC, 100 rows). Here one
 * NTag of each type shown is rendered, never displayed, and its variables become one rule per type, so a
 * row's badge is Naive's own markup and CSS (`n-tag n-tag--round`) with `deadlineTagClass(type)` for the
 * variables. They follow the theme (大字模式) as the hidden tags do.
 */
import {
  computed,
  defineComponent,
  h,
  shallowReactive,
  type ComponentPublicInstance,
  type PropType,
  type VNodeRef,
} from 'vue'
import { NTag } from 'naive-ui'
import type { DeadlineTagType } from '../cases/deadlineTag'

/** The class that gives a badge the variables of an NTag of `type`. */
export const deadlineTagClass = (type: DeadlineTagType): string => `deadline-tag--${type}`

/** The CSS variables a mounted NTag draws with: its computed `cssVars`, else its inline style. */
function variablesOf(tag: ComponentPublicInstance): string {
  const vars = (tag as unknown as { cssVars?: unknown }).cssVars
  if (vars !== null && typeof vars === 'object')
    return Object.entries(vars as Record<string, string>)
      .map(([name, value]) => `${name}: ${value};`)
      .join(' ')
  return (tag.$el as Element | null)?.getAttribute?.('style') ?? ''
}

export default defineComponent({
  name: 'DeadlineTagLook',
  props: {
    /** the tag types the rows use */
    types: { type: Array as PropType<readonly DeadlineTagType[]>, required: true },
  },
  setup(props) {
    const tags = shallowReactive(new Map<DeadlineTagType, ComponentPublicInstance>())
    // one function per type, kept: a new function each render would unset and set the ref every time
    const refs = new Map<DeadlineTagType, VNodeRef>()
    const refOf = (type: DeadlineTagType): VNodeRef => {
      let set = refs.get(type)
      if (!set) {
        set = (el) => {
          if (el) tags.set(type, el as ComponentPublicInstance)
          else tags.delete(type)
        }
        refs.set(type, set)
      }
      return set
    }
    const css = computed(() =>
      props.types
        .map((type) => {
          const tag = tags.get(type)
          return tag ? `.${deadlineTagClass(type)} { ${variablesOf(tag)} }` : ''
        })
        .join('\n'),
    )
    return () =>
      h('div', { hidden: true, 'aria-hidden': 'true' }, [
        ...props.types.map((type) => h(NTag, { key: type, ref: refOf(type), type, size: 'small', round: true })),
        h('style', css.value),
      ])
  },
})
