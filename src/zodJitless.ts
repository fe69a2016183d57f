/**
 * zod's `jitless` setting, set before any module that builds a schema is evaluated: zod otherwise probes
 * for `new Function` (an eval the CSP's script-src 'self' forbids, reported as a violation).
 *
 * zod keeps its settings in one object on `globalThis.__zod_globalConfig`, made on first use by whichever
 * comes first, zod or this; `config({ jitless: true })` from 'zod/v4/core' writes the same object. This
 * writes it without loading zod's core (12 KB) in the start-up entry (issue #16).
 * tests/unit/app/zodJitless.test.ts checks that zod reads it, so a zod that moves it fails there.
 */
export function makeZodJitless(): void {
  const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
  scope.__zod_globalConfig ??= {}
  scope.__zod_globalConfig.jitless = true
}
