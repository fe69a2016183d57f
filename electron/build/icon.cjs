// Draws the app icon (resources/icons/icon.png, 512×512): two overlapping rings, two parties finding
// common ground, white on a calm teal square. Run: node electron/build/icon.cjs
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script run by Node and electron-builder */
const { writeFileSync, mkdirSync } = require('node:fs')
const { join } = require('node:path')
const { PNG } = require('pngjs')

const SIZE = 512
const TEAL = [31, 111, 120]
const WHITE = [255, 255, 255]

function insideRoundedSquare(x, y, margin, radius) {
  const min = margin + radius
  const max = SIZE - margin - radius
  const dx = Math.max(min - x, 0, x - max)
  const dy = Math.max(min - y, 0, y - max)
  return dx * dx + dy * dy <= radius * radius
}

function insideRing(x, y, cx, cy, outer, inner) {
  const d = Math.hypot(x - cx, y - cy)
  return d <= outer && d >= inner
}

const png = new PNG({ width: SIZE, height: SIZE })
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4
    let colour = null
    if (insideRoundedSquare(x + 0.5, y + 0.5, 24, 96)) {
      colour = TEAL
      const ring = (cx) => insideRing(x + 0.5, y + 0.5, cx, 256, 118, 86)
      if (ring(196) || ring(316)) colour = WHITE
    }
    png.data[i] = colour ? colour[0] : 0
    png.data[i + 1] = colour ? colour[1] : 0
    png.data[i + 2] = colour ? colour[2] : 0
    png.data[i + 3] = colour ? 255 : 0
  }
}
const out = join(__dirname, '..', '..', 'resources', 'icons')
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'icon.png'), PNG.sync.write(png))
console.log(`wrote ${join(out, 'icon.png')}`)
