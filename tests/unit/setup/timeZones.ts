/**
 * Runs code as on a PC set to another time zone. Node reads process.env.TZ again when it is assigned, so
 * one test process can try several zones; the zone is put back afterwards.
 */

/**
 * Zones a mediator's PC may be set to: China time, Xinjiang time (UTC+6), UTC, both sides of the date
 * line, a zone with daylight saving at midnight (Santiago), and a half-hour zone.
 */
export const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'UTC',
  'America/Los_Angeles',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/Santiago',
  'Asia/Kolkata',
] as const

export async function inTimeZone<T>(zone: string, run: () => T | Promise<T>): Promise<T> {
  const before = process.env.TZ
  process.env.TZ = zone
  try {
    return await run()
  } finally {
    if (before === undefined) delete process.env.TZ
    else process.env.TZ = before
  }
}

/** 'YYYY-MM-DD' that a wall clock in `zone` shows at the instant `ms` (Intl's reading, not Date's). */
export function wallDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    ms,
  )
}
