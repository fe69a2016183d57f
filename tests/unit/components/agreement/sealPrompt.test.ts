// @vitest-environment happy-dom
/**
 * Locking an agreement when the committee has no seal image: the mediator is asked first, and chooses
 * 继续不加印章 (locking goes on) or 去设置印章 (nothing is locked; the 印章 tab of 设置 opens).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'
import { useSealPrompt } from '../../../../src/components/agreement/useSealPrompt'
import { buttonTexts, clickButton, mountInApp, type Mounted } from '../mountInApp'

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
})

/** Mounts a page that asks; returns the question's answer (a promise, wrapped so it is not awaited here). */
async function ask(hasSeal: boolean): Promise<{ answer: Promise<boolean> }> {
  let asked: ((has: boolean) => Promise<boolean>) | undefined
  mounted = await mountInApp(() =>
    h({
      setup() {
        asked = useSealPrompt()
        return () => h('div')
      },
    }),
  )
  const answer = asked!(hasSeal)
  await flushPromises()
  return { answer }
}

const promptShown = () => document.body.textContent?.includes('还没有设置委员会印章') ?? false

describe('the seal question before locking', () => {
  it('a committee with a seal image is not asked', async () => {
    const { answer } = await ask(true)
    await expect(answer).resolves.toBe(true)
    expect(promptShown()).toBe(false)
  })

  it('without one, it asks; 继续不加印章 goes on to lock', async () => {
    const { answer } = await ask(false)
    await vi.waitFor(() => expect(promptShown()).toBe(true))
    expect(buttonTexts()).toEqual(expect.arrayContaining(['去设置印章', '继续不加印章']))
    await clickButton('继续不加印章')
    await expect(answer).resolves.toBe(true)
    expect(mounted!.router.currentRoute.value.name).toBe('host')
  })

  it('去设置印章 locks nothing and opens the 印章 tab of 设置', async () => {
    const { answer } = await ask(false)
    await vi.waitFor(() => expect(promptShown()).toBe(true))
    await clickButton('去设置印章')
    await expect(answer).resolves.toBe(false)
    await vi.waitFor(() => expect(mounted!.router.currentRoute.value.name).toBe('settings'))
    expect(mounted!.router.currentRoute.value.query).toEqual({ tab: 'seal' })
  })
})
