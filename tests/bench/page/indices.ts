import type { LoadRequest } from './api'

/** The data-set indices a request covers, in the order they are written. */
export function indicesOf(request: Pick<LoadRequest, 'start' | 'step' | 'count' | 'interleave' | 'world'>): number[] {
  const out: number[] = []
  for (let i = request.start; i < request.world.total && out.length < request.count; i += request.step) out.push(i)
  const slices = request.interleave ?? 1
  if (slices <= 1) return out
  // slice c: the c-th, (c + slices)-th … of them, as loadSlices (tests/bench/cases.ts) writes a load
  return Array.from({ length: slices }, (_, c) => out.filter((_, k) => k % slices === c)).flat()
}
