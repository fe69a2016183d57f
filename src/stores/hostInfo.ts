import { platform } from '../platform'

/** Where the host keeps this installation's data, or '' when it does not say (the recovery screen shows it). */
export async function dataLocation(): Promise<string> {
  return (
    (
      await platform()
        .info()
        .catch(() => undefined)
    )?.dataLocation ?? ''
  )
}
