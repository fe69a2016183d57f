/**
 * Issue 2's figure: time from navigation to an interactive shell, median of 5 fresh browser processes.
 * Two measures per run:
 *  - in the page, `performance.now()` (0 = navigation start) at the first DOM change after which the
 *    screen is usable: the main navigation rendered with the dashboard heading (or, on an empty profile,
 *    the setup heading with 下一步 enabled);
 *  - from Node, `page.goto` start to the moment a click on 案件 in the navigation has routed (Playwright's
 *    own round trips included, so this is the upper bound a user could feel).
 */
import type { Page } from '@playwright/test'
import { launchProfile, removeProfile, tempProfile } from './browser'
import { figure, median, round, type Figure } from './stats'
import { watchReadyScript, type FirstScreen } from '../e2e/helpers/firstScreen'

export const SHELL_TARGET = '< 500'
const RUNS = 5

type Screen = FirstScreen

interface ShellRun {
  readyMs: number
  clickRoutedMs?: number
}

async function measureOnce(page: Page, url: string, screen: Screen): Promise<ShellRun> {
  await page.addInitScript({ content: watchReadyScript(screen) })
  const start = performance.now()
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(() => (window as unknown as { __shellReadyAt?: number }).__shellReadyAt !== undefined)
  const readyMs = await page.evaluate(() => (window as unknown as { __shellReadyAt: number }).__shellReadyAt)
  let clickRoutedMs: number | undefined
  if (screen === 'dashboard') {
    await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
    await page.waitForURL(/#\/cases/)
    clickRoutedMs = performance.now() - start
  }
  return clickRoutedMs === undefined ? { readyMs } : { readyMs, clickRoutedMs }
}

/** Five runs, each in a new browser process; `profileFor(run)` gives the profile directory to use. */
async function measure(
  origin: string,
  screen: Screen,
  profileFor: () => string,
  release: (dir: string) => void,
): Promise<ShellRun[]> {
  const runs: ShellRun[] = []
  for (let i = 0; i < RUNS; i++) {
    const dir = profileFor()
    const { context, page } = await launchProfile(dir)
    try {
      runs.push(await measureOnce(page, `${origin}/`, screen))
    } finally {
      await context.close()
      release(dir)
    }
  }
  return runs
}

function shellFigures(prefix: string, runs: ShellRun[], note: string): Figure[] {
  const ready = runs.map((r) => r.readyMs)
  const out = [figure(prefix, median(ready), 'ms', SHELL_TARGET, { runs: ready.map(round), note })]
  const clicks = runs.flatMap((r) => (r.clickRoutedMs === undefined ? [] : [r.clickRoutedMs]))
  if (clicks.length)
    out.push(
      figure(`${prefix}.click-routes`, median(clicks), 'ms', SHELL_TARGET, {
        runs: clicks.map(round),
        note: 'page.goto start to a click on 案件 having routed, Playwright round trips included',
      }),
    )
  return out
}

/**
 * The shell on an empty profile (the setup screen) and on a profile whose setup is complete
 * (`setUpProfile`, which the caller prepared and owns; it is reused for every run).
 */
export async function runShellFigures(
  origin: string,
  setUpProfile: string,
  label = 'shell.dashboard',
  note = 'setup complete, no cases',
): Promise<Figure[]> {
  const dashboard = await measure(
    origin,
    'dashboard',
    () => setUpProfile,
    () => undefined,
  )
  return shellFigures(label, dashboard, note)
}

export async function runSetupShellFigures(origin: string): Promise<Figure[]> {
  const setup = await measure(origin, 'setup', () => tempProfile('empty'), removeProfile)
  return shellFigures('shell.setup', setup, 'empty profile: first-run setup screen')
}
