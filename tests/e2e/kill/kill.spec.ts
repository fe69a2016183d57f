import { expect, test } from '@playwright/test'
import { runKillLoop } from './harness'

/** CI size: five kills keep the spec under two minutes; `npm run bench` runs a hundred (tests/bench/kill.ts). */
const KILLS = 5

test('every save the UI confirmed survives SIGKILL of the whole browser, and the app opens after each kill', async ({
  baseURL,
}) => {
  test.setTimeout(180_000)
  const origin = new URL(String(baseURL)).origin
  const seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000)
  const figures = await runKillLoop({
    origin,
    kills: KILLS,
    killDelayMs: { min: Number(process.env.KILL_MIN ?? 0), max: Number(process.env.KILL_MAX ?? 3_000) },
    seed,
    log: (m) => console.log(`[kill] ${m}`),
  })
  console.log(`[kill] seed ${seed}: ${JSON.stringify(figures)}`)

  expect(figures.kills).toBe(KILLS)
  expect(figures.openFailures, 'the app failed to open after a kill').toBe(0)
  expect(figures.lostNames, 'saves the UI had confirmed were gone after a kill').toEqual([])
  // Without confirmed saves the test would prove nothing.
  expect(figures.confirmedSaves).toBeGreaterThanOrEqual(KILLS)
})
