/** Whether a text is a UUID (any version, either case): the app's record ids. */
export function isUuid(text: string): boolean {
  return UUID_SHAPE.test(text)
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
