/**
 * Kill-9 figures for a session note typed mid-sentence (issue 3, reliability brief §6.1): SIGKILLs of
 * Debian's Chromium at random moments while a long Chinese note is typed into 调解记录, each followed by
 * a relaunch on the same profile (tests/e2e/kill/notesHarness.ts).
 * Registered in run.ts with the 'kill' group; alone (the rooms loop then runs no kills):
 *   KILL_BENCH_KILLS=0 node --import tsx tests/bench/run.ts --only kill.notes
 * KILL_NOTES_KILLS sets the number of kills (default 50), KILL_SEED the random seed.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BEHIND_LIMIT_MS, BEHIND_SLACK_MS, runNotesKillLoop, writeDurations } from '../e2e/kill/notesHarness'
import { REPO_ROOT } from './bundle'
import { startServer } from './server'
import { figure, percentile, summarize, type Figure } from './stats'

export async function runNotesKillFigures(): Promise<Figure[]> {
  const kills = Number(process.env.KILL_NOTES_KILLS ?? 50)
  const seed = Number(process.env.KILL_SEED ?? 20261123)
  const built = resolve(REPO_ROOT, 'out/renderer')
  if (!existsSync(join(built, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build:app` first.')
  // A private copy: a rebuild running alongside empties out/renderer.
  const app = mkdtempSync(join(tmpdir(), 'mr-notes-kill-app-'))
  cpSync(built, app, { recursive: true })
  const server = await startServer({ '/': app })
  const started = Date.now()
  try {
    const result = await runNotesKillLoop({
      origin: server.origin,
      kills,
      killDelayMs: { min: 200, max: 6_000 },
      seed,
      log: (m) => console.error(`[bench] [kill.notes] ${m}`),
    })
    const v = result.verdicts
    const behind = v.map((x) => x.behindMs)
    const writes = result.rounds.flatMap((r) => writeDurations(r.states))
    const garbled =
      v.filter((x) => !x.isPrefix).length + v.reduce((n, x) => n + x.strayMarks, 0) + result.editorMismatches
    const extra = {
      seed,
      kills: result.rounds.length,
      savedShown: result.rounds.reduce((n, r) => n + r.saved.length, 0),
      typedChars: result.rounds.reduce((n, r) => n + r.typed.reduce((m, c) => m + c.text.length, 0), 0),
      minutes: Math.round((Date.now() - started) / 600) / 100,
    }
    return [
      figure('kill.notes.kills', result.rounds.length, 'kills', `>= ${kills}`, extra),
      figure(
        'kill.notes.lost-chars',
        v.reduce((n, x) => n + x.lostConfirmedChars, 0),
        'chars shown as 已保存',
        '<= 0',
      ),
      figure('kill.notes.garbled', garbled, 'rounds', '<= 0'),
      figure('kill.notes.open-failures', result.openFailures, 'relaunches', '<= 0'),
      figure('kill.notes.behind-ms', percentile(behind, 95), 'ms (p95)', `<= ${BEHIND_LIMIT_MS}`, {
        ...summarize(behind),
      }),
      figure('kill.notes.behind-ms.max', Math.max(0, ...behind), 'ms', `<= ${BEHIND_LIMIT_MS + BEHIND_SLACK_MS}`),
      figure(
        'kill.notes.age-at-kill-ms',
        percentile(
          v.map((x) => x.ageAtKillMs),
          95,
        ),
        'ms (p95)',
        undefined,
        { ...summarize(v.map((x) => x.ageAtKillMs)) },
      ),
      figure('kill.notes.write-ms', percentile(writes, 95), 'ms (p95)', undefined, { ...summarize(writes) }),
      figure(
        'kill.notes.unsaved-chars',
        percentile(
          v.map((x) => x.unsavedChars),
          95,
        ),
        'chars (p95)',
        undefined,
        { ...summarize(v.map((x) => x.unsavedChars)) },
      ),
    ]
  } finally {
    await server.close()
    rmSync(app, { recursive: true, force: true })
  }
}
