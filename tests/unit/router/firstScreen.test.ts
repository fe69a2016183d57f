/** The head start for the first screen: which chunk a start fetches before the router's checks finish. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { prefetchFirstScreen } from '../../../src/router/firstScreen'

function recorder() {
  const loaded: string[] = []
  const load = { dashboard: async () => void loaded.push('dashboard'), setup: async () => void loaded.push('setup') }
  return { loaded, load }
}
const databases = async (...names: string[]) => names.map((name) => ({ name, version: 10 }))

describe('prefetchFirstScreen', () => {
  it('fetches the dashboard when the database exists, the setup screen when it does not', async () => {
    for (const path of ['', '/', '/setup']) {
      const a = recorder()
      await prefetchFirstScreen(path, 'mediation-room', databases('other', 'mediation-room'), a.load)
      expect(a.loaded, path).toEqual(['dashboard'])
      const b = recorder()
      await prefetchFirstScreen(path, 'mediation-room', databases('mediation-room-backups'), b.load)
      expect(b.loaded, path).toEqual(['setup'])
    }
  })

  it('guesses setup when the browser lists no databases (a first start, or no databases() at all)', async () => {
    const r = recorder()
    await prefetchFirstScreen('/', 'mediation-room', databases(), r.load)
    expect(r.loaded).toEqual(['setup'])
  })

  it('fetches nothing for a start on any other page (the router loads that page itself)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^\/[a-z0-9/-]{1,20}$/).filter((p) => p !== '/setup'),
        async (path) => {
          const r = recorder()
          await prefetchFirstScreen(path, 'mediation-room', databases('mediation-room'), r.load)
          expect(r.loaded).toEqual([])
        },
      ),
    )
  })
})
