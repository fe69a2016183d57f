/** Summaries of timings and the one-line JSON figure every benchmark prints. */

/** The nearest-rank percentile (p in 0..100) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

export interface Summary {
  n: number
  p50: number
  p95: number
  max: number
  mean: number
}

export function summarize(samples: readonly number[]): Summary {
  const mean = samples.reduce((s, x) => s + x, 0) / (samples.length || 1)
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    max: round(Math.max(...samples)),
    mean: round(mean),
  }
}

/** Rounded for printing: 2 decimals below 100, 1 below 10,000, whole above. */
export function round(x: number): number {
  const digits = Math.abs(x) < 100 ? 2 : Math.abs(x) < 10_000 ? 1 : 0
  const f = 10 ** digits
  return Math.round(x * f) / f
}

export interface Figure {
  name: string
  value: number
  unit: string
  /** e.g. "< 50"; absent for figures that are only reported */
  target?: string
  pass?: boolean
  [extra: string]: unknown
}

const TARGET = /^\s*(<=|>=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)\s*$/

/** Whether `value` meets a target written as "< 50", "<= 20", "> 3", "≥ 3"; undefined when unreadable. */
export function meetsTarget(value: number, target: string): boolean | undefined {
  const m = TARGET.exec(target)
  if (!m || !Number.isFinite(value)) return m ? false : undefined
  const limit = Number(m[2])
  switch (m[1]) {
    case '<':
      return value < limit
    case '>':
      return value > limit
    case '<=':
    case '≤':
      return value <= limit
    default:
      return value >= limit
  }
}

export function figure(
  name: string,
  value: number,
  unit: string,
  target?: string,
  extra: Record<string, unknown> = {},
): Figure {
  const pass = target === undefined ? undefined : meetsTarget(value, target)
  return {
    name,
    value: round(value),
    unit,
    ...(target === undefined ? {} : { target }),
    ...(pass === undefined ? {} : { pass }),
    ...extra,
  }
}

/**
 * A figure handed over by another module (documents, backup): kept as given, with `pass` worked out
 * from its target when it did not say. Undefined when it is not a figure at all.
 */
export function normalizeFigure(raw: unknown): Figure | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const r = raw as Record<string, unknown> // checked field by field below
  if (typeof r.name !== 'string' || typeof r.value !== 'number' || typeof r.unit !== 'string') return undefined
  const target = typeof r.target === 'string' ? r.target : typeof r.target === 'number' ? `< ${r.target}` : undefined
  const pass = typeof r.pass === 'boolean' ? r.pass : target === undefined ? undefined : meetsTarget(r.value, target)
  const { name, value, unit, target: _t, pass: _p, ...extra } = r
  return {
    name,
    value,
    unit,
    ...(target === undefined ? {} : { target }),
    ...(pass === undefined ? {} : { pass }),
    ...extra,
  }
}
