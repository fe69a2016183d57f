import { describe, expect, it } from 'vitest'
import { groupModules, groupTiers, type FirstScreens, type ProbeChunk } from '../../../electron/build/firstScreenChunks'

/** A probe output written out by hand: file, its modules, its static imports, what starts it. */
function chunk(fileName: string, moduleIds: string[], imports: string[], start?: 'entry' | 'dynamic'): ProbeChunk {
  return {
    fileName,
    moduleIds,
    imports,
    isEntry: start === 'entry',
    isDynamicEntry: start === 'dynamic',
    facadeModuleId: start === undefined ? null : (moduleIds[0] ?? null),
  }
}

const chunks: ProbeChunk[] = [
  chunk('index.js', ['main.ts'], ['name.js'], 'entry'),
  chunk('name.js', ['name.ts'], []),
  chunk('boot.js', ['boot.ts', 'dexie'], ['name.js', 'vue.js'], 'dynamic'),
  chunk('vue.js', ['vue'], []),
  chunk(
    'SetupView.js',
    ['SetupView.vue'],
    ['vue.js', 'Select.js', 'Steps.js', 'form.js', 'Input.js', 'keypad.js'],
    'dynamic',
  ),
  chunk('Select.js', ['select'], ['vue.js']),
  chunk('Steps.js', ['steps', 'steps-style'], []),
  chunk('form.js', ['form'], ['vue.js']),
  chunk('Input.js', ['input'], ['vue.js']),
  chunk('keypad.js', ['keypad'], ['Input.js']),
  chunk('DashboardView.js', ['DashboardView.vue'], ['form.js', 'chart.js'], 'dynamic'),
  chunk('chart.js', ['chart'], []),
  chunk('AppNavShell.js', ['AppNavShell.vue'], ['vue.js'], 'dynamic'),
  chunk('LockScreen.js', ['LockScreen.vue'], ['keypad.js', 'chart.js', 'pin.js'], 'dynamic'),
  chunk('pin.js', ['pin'], []),
  chunk('CasesView.js', ['CasesView.vue'], ['Select.js', 'Input.js', 'table.js'], 'dynamic'),
  chunk('table.js', ['table'], []),
]

const firstScreens: FirstScreens = {
  app: 'boot.ts',
  screens: {
    setup: { modules: ['SetupView.vue'] },
    dashboard: { modules: ['DashboardView.vue', 'AppNavShell.vue'] },
    lock: { modules: ['LockScreen.vue'], with: 'dashboard' },
  },
}

describe('groupModules', () => {
  it('puts the app, each first screen and what first screens share with others in their groups', () => {
    const groups = groupModules(chunks, firstScreens)
    const written = Object.fromEntries(
      [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([id, g]) => [id, `${g.name} ${g.tier}`]),
    )
    expect(written).toEqual({
      // the app's own static imports, except the entry's
      'boot.ts': 'app 8',
      dexie: 'app 8',
      vue: 'app 8',
      // both starts' first screens load it: nothing more for either in the app's group
      form: 'app 8',
      'SetupView.vue': 'setup 2',
      steps: 'setup 2',
      'steps-style': 'setup 2',
      // the setup screen's, and a later screen's (the case list) too
      select: 'setup-shared 3',
      'DashboardView.vue': 'dashboard 2',
      'AppNavShell.vue': 'dashboard 2',
      // the lock screen's too, but 工作台 always loads with it: 工作台's group
      chart: 'dashboard 2',
      'LockScreen.vue': 'lock 2',
      pin: 'lock 2',
      keypad: 'lock+setup 4',
      input: 'lock+setup-shared 5',
      // not listed: the entry's (main.ts, name.ts) and the later screens' own (CasesView.vue, table)
    })
  })

  it('gives each group a tier below the groups of the modules it imports', () => {
    const groups = groupModules(chunks, firstScreens)
    const byId = new Map(chunks.flatMap((c) => c.moduleIds.map((id) => [id, c])))
    const fileTier = (file: string) => groups.get(chunks.find((c) => c.fileName === file)?.moduleIds[0] ?? '')?.tier
    for (const [id, group] of groups) {
      for (const imported of byId.get(id)?.imports ?? []) {
        const tier = fileTier(imported)
        if (tier !== undefined && groups.get(byId.get(id)?.moduleIds[0] ?? '')?.name !== group.name)
          expect(tier, `${id} imports ${imported}`).toBeGreaterThanOrEqual(group.tier)
      }
    }
    expect(groupTiers(3)).toEqual([8, 7, 6, 5, 4, 3, 2])
  })

  it('refuses a first screen the probe has no chunk for', () => {
    expect(() => groupModules(chunks, { app: 'boot.ts', screens: { setup: { modules: ['Missing.vue'] } } })).toThrow(
      /Missing\.vue/,
    )
  })
})
