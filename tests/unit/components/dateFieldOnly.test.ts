/**
 * Every date picker in the app is DateField, which alone turns dates into picker values (the time-zone
 * rule of pickerValueOf). A bare n-date-picker elsewhere would show China dates a day off on PCs set to
 * another zone, so none may appear.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = new URL('../../../src', import.meta.url).pathname

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(entry.name) ? [path] : []
  })
}

describe('date pickers', () => {
  it('are all DateField', () => {
    const users = sourceFiles(SRC)
      .filter((file) => /\bNDatePicker\b|<n-date-picker/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file))
    expect(users).toEqual(['components/DateField.vue'])
  })
})
