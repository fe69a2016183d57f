/**
 * Issue 2's and 16's figures: time from navigation to an interactive shell, each beside a floor measured in
 * the same run, as a ratio, with the machine's load average.
 *
 * - The app's value is `performance.now()` in the page (0 = navigation start) at the first DOM change after
 *   which the screen is usable: the main navigation with the dashboard heading, or, on an empty profile, the
 *   setup heading with 下一步 enabled (tests/e2e/helpers/firstScreen.ts).
 * - The floor is a minimal page drawing the same heading and button with one module script
 *   (tests/bench/page/public/floor), served by the same server to the same Chromium, timed by the same
 *   watcher; runs of the floor and of the app alternate (floor first on even runs, app first on odd ones),
 *   so that a busy machine slows both alike.
 * - Each run is a new profile started several times in a row, each start a new browser process: the first
 *   start is what a fresh install sees; the later ones find the scripts in the HTTP cache and, from the
 *   third, V8's code cache for them (Chromium makes it when a script runs a second time), which is what a
 *   mediator sees every morning (Electron keeps a code cache for app:// too). The server lets the browser
 *   keep the app's hashed assets for that (startServer's `cacheAssets`).
 * - `*.click-routes`: from Node, `page.goto` start to the moment a click on 案件 in the navigation has
 *   routed (Playwright's round trips included, so this is the upper bound a user could feel).
 */
import { cpSync } from 'node:fs'
import { loadavg } from 'node:os'
import type { Page } from '@playwright/test'
import { launchProfile, removeProfile, tempProfile } from './browser'
import { figure, median, round, type Figure } from './stats'
import { watchReadyScript, type FirstScreen } from '../e2e/helpers/firstScreen'

export const SHELL_TARGET = '< 500'
/** issue 16: at most twice the floor, measured in the same run */
export const SHELL_RATIO_TARGET = '<= 2'
const RUNS = 5
/** first start, second (HTTP cache), third (V8 code cache too) */
const STARTS = ['first-start', 'second-start', 'third-start'] as const

type Screen = FirstScreen
type Side = 'app' | 'floor'

interface ShellStart {
  readyMs: number
  clickRoutedMs?: number
}

async function measureOnce(page: Page, url: string, screen: Screen): Promise<ShellStart> {
  await page.addInitScript({ content: watchReadyScript(screen) })
  const start = performance.now()
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(() => (window as unknown as { __shellReadyAt?: number }).__shellReadyAt !== undefined)
  const readyMs = await page.evaluate(() => (window as unknown as { __shellReadyAt: number }).__shellReadyAt)
  if (screen !== 'dashboard') return { readyMs }
  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await page.waitForURL(/#\/cases/)
  return { readyMs, clickRoutedMs: performance.now() - start }
}

/** One run: the profile started STARTS.length times in a row, each a new browser process. */
async function startsOn(dir: string, url: string, screen: Screen): Promise<ShellStart[]> {
  const starts: ShellStart[] = []
  for (let i = 0; i < STARTS.length; i++) {
    const { context, page } = await launchProfile(dir)
    try {
      starts.push(await measureOnce(page, url, screen))
    } finally {
      await context.close()
    }
  }
  return starts
}

interface Profiles {
  /** the profile directory for one run of the app */
  take: () => string
  /** done with it */
  release: (dir: string) => void
}

/** RUNS runs of the app and of the floor, interleaved; each run a list of starts. */
async function measure(origin: string, screen: Screen, app: Profiles): Promise<Record<Side, ShellStart[][]>> {
  const out: Record<Side, ShellStart[][]> = { app: [], floor: [] }
  for (let i = 0; i < RUNS; i++) {
    const order: Side[] = i % 2 === 0 ? ['floor', 'app'] : ['app', 'floor']
    for (const side of order) {
      const dir = side === 'app' ? app.take() : tempProfile('floor')
      const url = side === 'app' ? `${origin}/` : `${origin}/__bench/floor/?screen=${screen}`
      try {
        out[side].push(await startsOn(dir, url, screen))
      } finally {
        if (side === 'app') app.release(dir)
        else removeProfile(dir)
      }
    }
  }
  return out
}

const loadAverage = () => loadavg().map(round)

function shellFigures(
  prefix: string,
  runs: Record<Side, ShellStart[][]>,
  note: string,
  load: { loadavg: number[]; loadavgAfter: number[] },
): Figure[] {
  const out: Figure[] = []
  const pick = (side: Side, start: number, measure: (s: ShellStart) => number | undefined) =>
    runs[side].flatMap((starts) => {
      const value = starts[start] && measure(starts[start])
      return value === undefined ? [] : [value]
    })
  const add = (name: string, app: number[], floor: number[], what: string) => {
    if (app.length === 0 || floor.length === 0) return
    const ratio = median(app) / Math.max(median(floor), 0.01)
    out.push(
      figure(name, median(app), 'ms', SHELL_TARGET, {
        runs: app.map(round),
        floor: round(median(floor)),
        floorRuns: floor.map(round),
        ratio: round(ratio),
        ratioTarget: SHELL_RATIO_TARGET,
        ratioPass: ratio <= 2,
        ...load,
        note: `${note}; ${what}`,
      }),
    )
  }
  STARTS.forEach((start, i) => {
    const name = i === 0 ? prefix : `${prefix}.${start}`
    const what =
      i === 0
        ? 'first start on the profile (nothing cached)'
        : i === 1
          ? 'second start, same profile (scripts from the HTTP cache)'
          : "third start, same profile (V8's code cache made at the second)"
    add(
      name,
      pick('app', i, (s) => s.readyMs),
      pick('floor', i, (s) => s.readyMs),
      what,
    )
    add(
      `${name}.click-routes`,
      pick('app', i, (s) => s.clickRoutedMs),
      pick('floor', i, (s) => s.clickRoutedMs),
      `${what}; page.goto start to a click on 案件 having routed, Playwright round trips included`,
    )
  })
  return out
}

export interface DashboardShellOptions {
  label?: string
  note?: string
  /**
   * Each run starts on its own copy of the profile, so that the first start finds nothing cached (true
   * by default); false reuses the profile itself (the 100,000-case one, too big to copy five times).
   */
  copyProfile?: boolean
}

/**
 * The shell on a profile whose setup is complete (`setUpProfile`, which the caller prepared and owns; it
 * is left as it was when copied, and used itself when `copyProfile` is false).
 */
export async function runShellFigures(
  origin: string,
  setUpProfile: string,
  { label = 'shell.dashboard', note = 'setup complete, no cases', copyProfile = true }: DashboardShellOptions = {},
): Promise<Figure[]> {
  const profiles: Profiles = copyProfile
    ? {
        take: () => {
          const dir = tempProfile('dashboard')
          cpSync(setUpProfile, dir, { recursive: true })
          return dir
        },
        release: removeProfile,
      }
    : { take: () => setUpProfile, release: () => undefined }
  const before = loadAverage()
  const runs = await measure(origin, 'dashboard', profiles)
  return shellFigures(label, runs, note, { loadavg: before, loadavgAfter: loadAverage() })
}

export async function runSetupShellFigures(origin: string): Promise<Figure[]> {
  const before = loadAverage()
  const runs = await measure(origin, 'setup', { take: () => tempProfile('empty'), release: removeProfile })
  return shellFigures('shell.setup', runs, 'empty profile: first-run setup screen', {
    loadavg: before,
    loadavgAfter: loadAverage(),
  })
}
