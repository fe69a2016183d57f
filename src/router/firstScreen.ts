/**
 * A head start for the first screen: its chunk is fetched and parsed while the router's start-up
 * checks wait for IndexedDB, instead of after them.
 */
export type FirstScreen = 'dashboard' | 'setup'

/** Which first screen a start most likely shows: a database already there means setup was done. */
export function likelyFirstScreen(databaseExists: boolean): FirstScreen {
  return databaseExists ? 'dashboard' : 'setup'
}

/**
 * Starts loading the likely first screen for a start at `path` (the location's hash path), given the
 * origin's databases. Only a guess to save time: the router guard still decides, and a wrong guess
 * costs one more chunk.
 */
export async function prefetchFirstScreen(
  path: string,
  dbName: string,
  databases: Promise<Pick<IDBDatabaseInfo, 'name'>[]>,
  load: Record<FirstScreen, () => Promise<unknown>>,
): Promise<void> {
  if (path !== '' && path !== '/' && path !== '/setup') return
  const names = (await databases).map((d) => d.name)
  await load[likelyFirstScreen(names.includes(dbName))]()
}
