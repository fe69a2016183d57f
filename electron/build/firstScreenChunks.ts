/**
 * Fewer files before the first screen (issue #16). Rolldown's own chunking gives each set of screens that
 * shares a module its own chunk: ~45 files before the setup screen, each one a request, a compile and a
 * module to link. This groups them: the app's start-up code (src/boot.ts and what it imports) in one chunk,
 * each first screen's own code in one and the part it shares with later screens in one more.
 *
 * The groups come from the build itself, not from a list of file names: the renderer is generated twice
 * (rolldown builds the module graph again for each output). The first output, never written, is rolldown's
 * ordinary chunking, tree-shaken, so a barrel (naive-ui, lodash-es, date-fns) reaches only what is used
 * through it; its chunk graph says which modules each first screen loads. The second output, the one
 * written, puts those modules in the groups. The lock screen counts as a first screen too.
 */
import type { Plugin, Rolldown } from 'vite'

type CodeSplittingGroup = NonNullable<
  Exclude<Rolldown.OutputOptions['codeSplitting'], boolean | undefined>['groups']
>[number]

/** What one chunk of the first (probe) output looked like. */
export interface ProbeChunk {
  fileName: string
  moduleIds: string[]
  imports: string[]
  isEntry: boolean
  isDynamicEntry: boolean
  facadeModuleId: string | null
}

export interface FirstScreens {
  /** the module the entry imports dynamically to start the app (src/boot.ts) */
  app: string
  /**
   * Each first screen: the modules the entry and the router import dynamically for it, and the first
   * screen that is always loaded with it, if any (the lock screen shows over a start's 工作台).
   */
  screens: Record<string, { modules: string[]; with?: string }>
}

/** A module's group: its name, and its tier (groups of a higher tier take their modules first). */
export interface Group {
  name: string
  tier: number
}

/** The tiers `groupModules` gives for `screens` first screens, highest first. */
export function groupTiers(screens: number): number[] {
  return Array.from({ length: 2 * screens + 1 }, (_, i) => 2 * screens + 2 - i)
}

/**
 * The group of each module that loads before a first screen, from the probe's chunks; modules missing
 * here (the entry's own, later screens') are left to rolldown's ordinary chunking.
 * - the app's static imports, and what two first screens of a start share (setup and 工作台): `app`
 *   (every start waits for the app, so this adds nothing to any of them);
 * - the rest, by the first screens that load it: `setup`, `lock+setup`, …, with `-shared` when a later
 *   screen (any other dynamic import) loads it too: that screen then loads the group, the first screen's own
 *   code does not come with it.
 * A module's static imports are loaded by the same first screens and later screens, or more: groups of
 * more screens, and shared ones, come first (their tier is higher), as each group takes in the modules
 * its own import unless a group before it took them.
 */
export function groupModules(chunks: ProbeChunk[], { app, screens }: FirstScreens): Map<string, Group> {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]))
  const closure = (roots: ProbeChunk[]): Set<string> => {
    const seen = new Set<string>()
    const visit = (fileName: string) => {
      const c = byFile.get(fileName)
      if (c === undefined || seen.has(fileName)) return
      seen.add(fileName)
      c.imports.forEach(visit)
    }
    roots.forEach((c) => visit(c.fileName))
    return seen
  }
  const facade = (id: string): ProbeChunk => {
    const c = chunks.find((x) => x.facadeModuleId === id)
    if (c === undefined) throw new Error(`firstScreenChunks: no chunk starts at ${id}`)
    return c
  }

  const entry = closure(chunks.filter((c) => c.isEntry))
  const appFiles = new Set([...closure([facade(app)])].filter((f) => !entry.has(f)))
  const loaded = (name: string): Set<string> => {
    const screen = screens[name]
    if (screen === undefined) throw new Error(`firstScreenChunks: no first screen ${name}`)
    const files = closure(screen.modules.map(facade))
    if (screen.with !== undefined) for (const f of loaded(screen.with)) files.add(f)
    return files
  }
  // each first screen's files beyond the entry, the app and the screen it comes with
  const screenFiles = new Map(
    Object.entries(screens).map(([name, screen]) => {
      const before = screen.with === undefined ? new Set<string>() : loaded(screen.with)
      return [name, [...loaded(name)].filter((f) => !entry.has(f) && !appFiles.has(f) && !before.has(f))]
    }),
  )
  const firstScreenModules = new Set(Object.values(screens).flatMap((s) => s.modules))
  const later = closure(
    chunks.filter(
      (c) =>
        c.isDynamicEntry &&
        c.facadeModuleId !== null &&
        c.facadeModuleId !== app &&
        !firstScreenModules.has(c.facadeModuleId),
    ),
  )

  const screensOfFile = new Map<string, string[]>()
  for (const [name, files] of screenFiles)
    for (const f of files) screensOfFile.set(f, [...(screensOfFile.get(f) ?? []), name])
  const starts = Object.keys(screens).filter((name) => screens[name]?.with === undefined)
  const top = groupTiers(Object.keys(screens).length)[0] ?? 0
  const groupOfFile = new Map<string, Group>()
  for (const f of appFiles) groupOfFile.set(f, { name: 'app', tier: top })
  for (const [f, names] of screensOfFile) {
    const shared = later.has(f)
    groupOfFile.set(
      f,
      names.filter((n) => starts.includes(n)).length > 1
        ? { name: 'app', tier: top }
        : { name: [...names].sort().join('+') + (shared ? '-shared' : ''), tier: 2 * names.length + (shared ? 1 : 0) },
    )
  }
  const groups = new Map<string, Group>()
  for (const [f, group] of groupOfFile) for (const id of byFile.get(f)?.moduleIds ?? []) groups.set(id, group)
  return groups
}

/**
 * The plugin, and the two outputs to give the renderer's build (`rolldownOptions.output`): the probe
 * first, then the written one (its own options merged in by the caller).
 */
export function firstScreenChunks(firstScreens: FirstScreens): {
  plugin: Plugin
  probeOutput: Rolldown.OutputOptions
  groups: CodeSplittingGroup[]
} {
  // set by the probe; rolldown builds the graph again for each output, so buildStart runs twice
  let groupOf: Map<string, Group> | undefined
  const plugin: Plugin = {
    name: 'first-screen-chunks',
    apply: 'build',
    closeBundle() {
      groupOf = undefined
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle: Rolldown.OutputBundle) {
        if (groupOf !== undefined) return
        const chunks: ProbeChunk[] = []
        for (const [fileName, c] of Object.entries(bundle)) {
          if (c.type === 'chunk')
            chunks.push({
              fileName,
              moduleIds: c.moduleIds,
              imports: c.imports,
              isEntry: c.isEntry,
              isDynamicEntry: c.isDynamicEntry,
              facadeModuleId: c.facadeModuleId,
            })
          // the probe writes nothing
          delete bundle[fileName]
        }
        groupOf = groupModules(chunks, firstScreens)
      },
    },
  }
  return {
    plugin,
    // chunking happens before minifying: the probe skips it
    probeOutput: { minify: false },
    // one group per tier: a name returned by one of them is a group of the tier's priority
    groups: groupTiers(Object.keys(firstScreens.screens).length).map((tier) => ({
      name: (id: string) => {
        if (groupOf === undefined) throw new Error('firstScreenChunks: the probe output must come first')
        const group = groupOf.get(id)
        return group?.tier === tier ? group.name : null
      },
      debugName: `first screens, tier ${tier}`,
      priority: tier,
      // a group holds the modules named for it and no more: taking in their imports too, the app's group took
      // the entry's own (src/main.ts), and the entry then waited for the whole app chunk before it could start
      // IndexedDB and fetch the first screen; every module before a first screen is named by the probe
      includeDependenciesRecursively: false,
    })),
  }
}
