/**
 * src/domain's modules import one another in one direction only: a circle (a → b → a, type imports
 * included) means two modules each think the other is the home of a rule or a type. The linter's layer
 * rules see folders, not modules, so the circles are looked for here, with a plain reading of the
 * import lines (independent of any bundler).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const DOMAIN = resolve(__dirname, '../../../src/domain')

/** The sibling modules a source imports (`from './x'`), by file name without extension. */
function localImports(source: string): string[] {
  const found = new Set<string>()
  for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"]\.\/([\w.-]+)['"]/g)) found.add(m[1]!)
  return [...found]
}

/** Every circle in a graph, each once, as the path from its smallest name back to it. */
function circlesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const circles = new Map<string, string[]>()
  const walk = (start: string, at: string, path: string[]): void => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) {
        const circle = [...path, start]
        const key = [...path].sort().join(',')
        if (path.every((n) => n >= start)) circles.set(key, circle)
      } else if (next > start && !path.includes(next)) walk(start, next, [...path, next])
    }
  }
  for (const name of [...graph.keys()].sort()) walk(name, name, [name])
  return [...circles.values()]
}

describe('circlesOf (the finder itself)', () => {
  it('finds a two-module and a three-module circle and nothing in a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c']],
      ['f', ['a']],
    ])
    expect(circlesOf(graph)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'e', 'c'],
    ])
    expect(
      circlesOf(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
        ]),
      ),
    ).toEqual([])
  })

  it('reads value, type and dynamic imports of siblings only', () => {
    const source = [
      "import { a } from './alpha'",
      "import type { B } from './beta'",
      "const g = await import('./gamma')",
      "import { x } from '../db/x'",
      "export { d } from './delta'",
    ].join('\n')
    expect(localImports(source).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma'])
  })
})

describe('src/domain', () => {
  it('has no import circle', () => {
    const graph = new Map<string, string[]>()
    for (const file of readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(DOMAIN, file), 'utf8')
      graph.set(file.replace(/\.ts$/, ''), localImports(source))
    }
    expect(graph.size).toBeGreaterThan(40)
    expect(circlesOf(graph).map((c) => c.join(' → '))).toEqual([])
  })
})
