/**
 * Kill-9 figures (reliability brief §6.1 and §8): at least 100 SIGKILLs of Debian's Chromium at random
 * moments while rooms are saved through the UI, each followed by a relaunch on the same profile.
 * Registered in run.ts with the 'kill' group; alone: node --import tsx tests/bench/run.ts --only kill
 * KILL_BENCH_KILLS sets the number of kills (default 100), KILL_SEED the random seed.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runKillLoop } from '../e2e/kill/harness'
import { REPO_ROOT } from './bundle'
import { startServer } from './server'
import { figure, type Figure } from './stats'

export async function runKillFigures(): Promise<Figure[]> {
  const kills = Number(process.env.KILL_BENCH_KILLS ?? 100)
  const seed = Number(process.env.KILL_SEED ?? 20261122)
  const built = resolve(REPO_ROOT, 'out/renderer')
  if (!existsSync(join(built, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build:app` first.')
  // A private copy: a rebuild running alongside empties out/renderer.
  const app = mkdtempSync(join(tmpdir(), 'mr-kill-app-'))
  cpSync(built, app, { recursive: true })
  const server = await startServer({ '/': app })
  const started = Date.now()
  try {
    const result = await runKillLoop({
      origin: server.origin,
      kills,
      killDelayMs: { min: 0, max: 4_000 },
      seed,
      log: (m) => console.error(`[bench] [kill] ${m}`),
    })
    const extra = {
      seed,
      kills: result.kills,
      confirmedSaves: result.confirmedSaves,
      unconfirmedAttempts: result.unconfirmedAttempts,
      lostNames: result.lostNames,
      minutes: Math.round((Date.now() - started) / 600) / 100,
    }
    return [
      figure('kill.kills', result.kills, 'kills', `>= ${kills}`, extra),
      figure('kill.confirmed-saves', result.confirmedSaves, 'saves'),
      figure('kill.lost', result.lost, 'confirmed saves', '<= 0'),
      figure('kill.open-failures', result.openFailures, 'relaunches', '<= 0'),
    ]
  } finally {
    await server.close()
    rmSync(app, { recursive: true, force: true })
  }
}
