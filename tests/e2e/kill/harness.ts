/**
 * The kill-9 harness (reliability brief §6.1, R3): Debian's Chromium runs as a real process with a
 * persistent profile; saves go through the real UI (设置 → 调解室 → 添加调解室); a save counts as
 * confirmed only once the UI shows it (the dialog closed and the row is in the list, i.e. the Dexie
 * transaction resolved). At a random moment the whole browser process group gets SIGKILL; the browser
 * is relaunched on the same profile, and every confirmed save must be there and the app must open.
 *
 * What this proves: a confirmed save survives the browser dying at any instant (IndexedDB's commit with
 * strict durability reached the OS before the UI said so). What it does not prove: survival of a power
 * cut or an OS crash (the OS page cache is not lost here), nor anything about Electron's own process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from '../chromium'
import { completeSetup } from '../helpers/setup'

export interface KillFigures {
  kills: number
  confirmedSaves: number
  lost: number
  openFailures: number
  /** Saves whose dialog was still open when the kill came: allowed to be lost, reported for interest. */
  unconfirmedAttempts: number
  lostNames: string[]
}

export interface KillRunOptions {
  /** The app's origin, e.g. http://127.0.0.1:4173 */
  origin: string
  kills: number
  /** Kill after a random delay in [min, max) ms from the round's first confirmed save. */
  killDelayMs: { min: number; max: number }
  seed: number
  log?: (message: string) => void
}

/** A small seeded generator, so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
}

export interface RunningBrowser {
  browser: Browser
  page: Page
  process: ChildProcess
}

/** Starts Chromium in its own process group with a DevTools port, and attaches Playwright over CDP. */
export async function launch(profile: string): Promise<RunningBrowser> {
  const child = spawn(
    findChromium(),
    [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened:\n${output}`)))
  })
  child.stderr?.resume() // keep draining, or a chatty browser blocks on a full pipe
  const browser = await chromium.connectOverCDP(endpoint)
  const context = browser.contexts()[0]
  if (!context) throw new Error('Chromium has no default context')
  const page = context.pages()[0] ?? (await context.newPage())
  return { browser, page, process: child }
}

/** SIGKILL to the whole process group (browser, renderers, GPU and network services), then wait for the exit. */
export async function killGroup(running: RunningBrowser): Promise<void> {
  const pid = running.process.pid
  if (pid === undefined) return
  const exited = new Promise<void>((resolve) => {
    if (running.process.exitCode !== null || running.process.signalCode !== null) resolve()
    else running.process.once('exit', () => resolve())
  })
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
  await exited
  // Children reparented to init may take a moment to die: wait until the group has no process left.
  // (polled: the kernel offers no event for the last process of a group leaving)
  const giveUpAt = Date.now() + 10_000
  while (groupAlive(pid)) {
    if (Date.now() > giveUpAt) throw new Error(`processes of group ${pid} still running 10 s after SIGKILL`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Whether a live (not zombie) process of the group remains, read from /proc (Linux, where these runs are). */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // gone since the listing
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces, so read after its closing bracket
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pgrp) === pgid && state !== 'Z') return true
  }
  return false
}

async function openRooms(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/#/settings`)
  await page.locator('.n-tabs-tab__label', { hasText: /^调解室$/ }).click({ timeout: 20_000 })
  await page.getByRole('button', { name: '＋ 添加调解室' }).waitFor({ timeout: 20_000 })
}

/** Every room name the list shows. */
async function listedRooms(page: Page): Promise<Set<string>> {
  const cells = await page.locator('.n-data-table-tbody tr td:first-child').allTextContents()
  return new Set(cells.map((c) => c.trim()))
}

/**
 * Adds one room through the dialog; resolves only when the UI shows it saved. The row appears only
 * after the store's `await repo.saveRoom(...)`, i.e. after the IndexedDB transaction completed.
 */
async function addRoom(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '＋ 添加调解室' }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: '添加调解室' })
  await dialog.getByLabel('调解室名称').fill(name)
  await dialog.getByRole('button', { name: '保存' }).click()
  await page
    .locator('.n-data-table-tbody tr td:first-child')
    .getByText(name, { exact: true })
    .waitFor({ timeout: 10_000 })
  // A successful save closes the dialog (tests/e2e/setup.spec.ts checks that on its own).
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 })
}

/** Playwright's own Chromium on a kill profile, for preparing it (the kill rounds launch their own). */
export function openKillProfile(profile: string, origin: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    baseURL: `${origin}/`,
    locale: 'zh-CN',
  })
}

/** First-run setup with a clean shutdown, so the kill loop starts from a set-up app. */
export async function prepareProfile(profile: string, origin: string): Promise<void> {
  const context = await openKillProfile(profile, origin)
  try {
    await completeSetup(context.pages()[0] ?? (await context.newPage()))
  } finally {
    await context.close()
  }
}

export async function runKillLoop(options: KillRunOptions): Promise<KillFigures> {
  const log = options.log ?? (() => undefined)
  const random = seededRandom(options.seed)
  const profile = mkdtempSync(join(tmpdir(), 'mr-kill-profile-'))
  const confirmed: string[] = []
  const figures: KillFigures = {
    kills: 0,
    confirmedSaves: 0,
    lost: 0,
    openFailures: 0,
    unconfirmedAttempts: 0,
    lostNames: [],
  }
  try {
    await prepareProfile(profile, options.origin)
    // One extra launch after the last kill, to check what that kill left.
    for (let round = 0; round <= options.kills; round++) {
      const running = await launch(profile)
      try {
        try {
          await openRooms(running.page, options.origin)
        } catch (error) {
          figures.openFailures++
          const shot = join(tmpdir(), `mr-kill-open-failure-${round}.png`)
          await running.page.screenshot({ path: shot }).catch(() => undefined)
          log(`round ${round}: the app did not open (screenshot ${shot}): ${String(error).split('\n')[0]}`)
          continue
        }
        const shown = await listedRooms(running.page)
        const lost = confirmed.filter((name) => !shown.has(name))
        figures.lost += lost.length
        figures.lostNames.push(...lost)
        confirmed.splice(0, confirmed.length, ...confirmed.filter((name) => shown.has(name)))
        if (round === options.kills) break

        // The kill is armed once the round's first save is confirmed, so every round leaves something to
        // check, and then comes at a random moment of the saves that follow.
        const delay = options.killDelayMs.min + random() * (options.killDelayMs.max - options.killDelayMs.min)
        let saving = true
        let killed: Promise<void> | undefined
        const armKill = () =>
          (killed ??= new Promise<void>((resolve) =>
            setTimeout(() => void killGroup(running).then(() => ((saving = false), resolve())), delay),
          ))
        for (let n = 0; saving; n++) {
          const name = `断电${round}-${n}`
          try {
            await addRoom(running.page, name)
            if (saving) confirmed.push(name)
          } catch (error) {
            const reason = String(error).split('\n')[0] ?? ''
            if (!/has been closed/.test(reason)) log(`round ${round}: a save failed: ${reason}`)
            figures.unconfirmedAttempts++
            break // the browser is gone (or going): nothing after this is confirmed
          }
          armKill()
        }
        await armKill()
        figures.kills++
        log(`round ${round}: killed after ${Math.round(delay)} ms; ${confirmed.length} confirmed so far`)
      } finally {
        await running.browser.close().catch(() => undefined)
        await killGroup(running)
      }
    }
    figures.confirmedSaves = confirmed.length + figures.lost
    return figures
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}
