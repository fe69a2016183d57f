import { describe, expect, it } from 'vitest'
import { makeZodJitless } from '../../../src/zodJitless'

describe('makeZodJitless (the start-up entry sets zod jitless without loading zod)', () => {
  it("is what zod's own config reads, whether zod loads after it or had loaded before", async () => {
    makeZodJitless()
    // zod loads after the call, as in the app (the entry runs before any chunk that builds a schema)
    const { config, globalConfig } = await import('zod/v4/core')
    expect(config().jitless).toBe(true)
    expect(globalConfig.jitless).toBe(true)
    // and a schema built now does not compile itself with `new Function`
    const { z } = await import('zod')
    const original = globalThis.Function
    let compiled = 0
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        compiled++
        return Reflect.construct(target, args)
      },
      apply(target, self, args) {
        compiled++
        return Reflect.apply(target, self, args)
      },
    })
    try {
      const schema = z.object({ a: z.string(), b: z.number(), c: z.object({ d: z.boolean() }) })
      for (let i = 0; i < 3; i++)
        expect(schema.parse({ a: 'x', b: 1, c: { d: true } })).toEqual({ a: 'x', b: 1, c: { d: true } })
    } finally {
      globalThis.Function = original
    }
    expect(compiled).toBe(0)
  })
})
