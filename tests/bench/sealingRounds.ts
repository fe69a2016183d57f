/**
 * Issue 12's target, encryption at rest costs a load at most 10 %, measured so that one noisy load cannot
 * decide it: ROUNDS rounds, each loading the same CASES cases once sealed (the app) and once without the
 * sealing middleware, into scratch databases; each load timed once the browser has settled. The figure is
 * the median of the rounds' ratios, with their range. One 100,000-case pair (cases.load.sealed-over-plain)
 * gave 1.13 in one run and 1.00 in the next: a pair cannot resolve 10 %.
 *
 * Beside the time, the CPU each load cost the browser (all its processes, by thread: browserProcesses.ts),
 * counted from its start until the browser has settled after it, so that the compaction a load leaves
 * behind is its own. The two answer different questions: CPU says what sealing costs in work and on which
 * thread; time also says how well the load's threads overlap on the cores (session 29: 6-9 % more CPU,
 * 16-20 % more time). Neither is free of the machine's other users: both ratios spread as widely.
 */
import type { Page } from '@playwright/test'
import type { CaseWorld } from '../fixtures/generate/cases'
import type { LoadRequest } from './page/api'
import { countCpu, settleBrowser } from './settle'
import { totalOf } from './browserProcesses'
import { figure, median, meetsTarget, round, type Figure } from './stats'

export const SEALING_ROUNDS = 7
export const SEALING_CASES = 10_000
export const SEALING_TARGET = '<= 1.10'

export type SealingVariant = 'sealed' | 'plain'

/**
 * The order a round runs its two loads in: sealed first in even rounds, plain first in odd ones, so that
 * neither always meets the browser as the other left it (its database just deleted, its caches warm).
 */
export function roundOrder(round: number): SealingVariant[] {
  return round % 2 === 0 ? ['sealed', 'plain'] : ['plain', 'sealed']
}

export interface RoundTimes {
  sealedMs: number
  plainMs: number
  /** CPU of the browser's threads by class (browserProcesses.ts `threadClass`), where /proc can be read */
  sealedCpu?: ReadonlyMap<string, number>
  plainCpu?: ReadonlyMap<string, number>
}

export interface RoundsSummary {
  /** each round's sealed time over its plain time, in the order run */
  ratios: number[]
  median: number
  min: number
  max: number
  /** rounds whose ratio met the target */
  met: number
}

/** The ratios' median, range and how many met `target` (e.g. "<= 1.10"). */
function summariseRatios(ratios: number[], target: string): RoundsSummary {
  return {
    ratios,
    median: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    met: ratios.filter((x) => meetsTarget(x, target) === true).length,
  }
}

/** The rounds' ratios of time and their median, range and how many met `target`. */
export function summariseRounds(rounds: readonly RoundTimes[], target: string): RoundsSummary {
  if (rounds.length === 0) throw new Error('no round was run')
  return summariseRatios(
    rounds.map((r) => r.sealedMs / r.plainMs),
    target,
  )
}

export interface CpuSummary extends RoundsSummary {
  /** per thread class, the median over the rounds of sealed minus plain CPU, ms per 1,000 cases, largest first */
  extraPerThousand: [thread: string, ms: number][]
}

/**
 * The rounds' ratios of CPU (sealed over plain, all the browser's threads) as `summariseRounds` gives those of
 * time, and where the extra CPU went; undefined when a round has no CPU reading (no /proc).
 */
export function summariseCpu(rounds: readonly RoundTimes[], cases: number, target: string): CpuSummary | undefined {
  const read = rounds.filter((r) => r.sealedCpu && r.plainCpu)
  if (read.length === 0 || read.length < rounds.length) return undefined
  const summary = summariseRatios(
    read.map((r) => totalOf(r.sealedCpu!) / totalOf(r.plainCpu!)),
    target,
  )
  const threads = new Set(read.flatMap((r) => [...r.sealedCpu!.keys(), ...r.plainCpu!.keys()]))
  const extraPerThousand = [...threads]
    .map((t): [string, number] => [
      t,
      (median(read.map((r) => (r.sealedCpu!.get(t) ?? 0) - (r.plainCpu!.get(t) ?? 0))) * 1000) / cases,
    ])
    .sort((a, b) => b[1] - a[1])
  return { ...summary, extraPerThousand }
}

export interface SealingRoundsOptions {
  profileDir: string
  seed: number
  batch: number
  rounds?: number
  cases?: number
  log: (message: string) => void
}

/** Runs the rounds in the bench page and returns the figure `cases.load.sealed-over-plain.rounds`. */
export async function sealingRounds(page: Page, world: CaseWorld, o: SealingRoundsOptions): Promise<Figure> {
  const rounds = o.rounds ?? SEALING_ROUNDS
  const n = Math.min(o.cases ?? SEALING_CASES, world.total)
  const request = (variant: SealingVariant): LoadRequest => ({
    dbName: `bench-sealing-${variant}`,
    seed: o.seed,
    world,
    // an even sample of the whole data set, as the full load writes it
    start: 0,
    step: Math.max(1, Math.floor(world.total / n)),
    count: n,
    batch: o.batch,
    sessions: true,
    ...(variant === 'plain' ? { plain: true } : {}),
  })
  const times: RoundTimes[] = []
  for (let r = 0; r < rounds; r++) {
    const ms: Partial<Record<SealingVariant, number>> = {}
    const cpu: Partial<Record<SealingVariant, Map<string, number>>> = {}
    for (const variant of roundOrder(r)) {
      const req = request(variant)
      await page.evaluate((name) => window.bench.deleteDb(name), req.dbName)
      await settleBrowser(o.profileDir, () => undefined)
      const count = countCpu(o.profileDir)
      ms[variant] = (await page.evaluate((q) => window.bench.load(q), req)).totalMs
      const used = await count.untilQuiet(() => undefined)
      if (used) cpu[variant] = used
    }
    times.push({
      sealedMs: ms.sealed!,
      plainMs: ms.plain!,
      ...(cpu.sealed && cpu.plain ? { sealedCpu: cpu.sealed, plainCpu: cpu.plain } : {}),
    })
    const cpuText =
      cpu.sealed && cpu.plain
        ? `; CPU sealed ${Math.round(totalOf(cpu.sealed))} ms, plain ${Math.round(totalOf(cpu.plain))} ms, ${(totalOf(cpu.sealed) / totalOf(cpu.plain)).toFixed(3)}`
        : ''
    o.log(
      `  round ${r + 1}/${rounds}: sealed ${Math.round(ms.sealed!)} ms, plain ${Math.round(ms.plain!)} ms, ${(ms.sealed! / ms.plain!).toFixed(3)}${cpuText}`,
    )
  }
  for (const variant of ['sealed', 'plain'] as const)
    await page.evaluate((name) => window.bench.deleteDb(name), request(variant).dbName)
  const s = summariseRounds(times, SEALING_TARGET)
  const c = summariseCpu(times, n, SEALING_TARGET)
  return figure('cases.load.sealed-over-plain.rounds', s.median, 'ratio', SEALING_TARGET, {
    cases: n,
    rounds,
    min: round(s.min),
    max: round(s.max),
    met: s.met,
    ratios: s.ratios.map(round),
    sealedMedianMs: round(median(times.map((t) => t.sealedMs))),
    plainMedianMs: round(median(times.map((t) => t.plainMs))),
    ...(c
      ? {
          cpuRatio: round(c.median),
          cpuMin: round(c.min),
          cpuMax: round(c.max),
          cpuRatios: c.ratios.map(round),
          cpuMet: c.met,
          cpuExtraMsPerThousandCases: Object.fromEntries(
            c.extraPerThousand.filter(([, ms]) => Math.abs(ms) >= 1).map(([t, ms]) => [t, round(ms)]),
          ),
        }
      : {}),
    note: 'median over the rounds of (sealed load / the same cases loaded without the sealing middleware), the two taking turns to go first; each load into a fresh scratch database once the browser had settled; cpu*: the same of the CPU all the threads of the browser used from the start of each load until the browser was quiet after it',
  })
}
