/**
 * A QR code as vector rectangles, one per horizontal run of dark modules. pdfmake's own `qr` node
 * draws every module separately and computes the code slowly on a cold start; the `qrcode` package
 * computes the matrix (in Node and in the worker alike) and this draws far fewer shapes.
 */
import type { CanvasRect, Content } from 'pdfmake/interfaces'
import { create } from 'qrcode'

/** `size` is the printed width in points, quiet zone included. */
export function qrNode(text: string, size: number): Content {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  const cell = size / (modules.size + 2 * quiet)
  const rects: CanvasRect[] = []
  for (let row = 0; row < modules.size; row++) {
    let col = 0
    while (col < modules.size) {
      if (!modules.data[row * modules.size + col]) {
        col++
        continue
      }
      const start = col
      while (col < modules.size && modules.data[row * modules.size + col]) col++
      rects.push({
        type: 'rect',
        x: (start + quiet) * cell,
        y: (row + quiet) * cell,
        // a hair wider and taller so that neighbouring runs leave no white seams when rasterised
        w: (col - start) * cell + 0.05,
        h: cell + 0.05,
        color: '#000000',
        lineWidth: 0,
      })
    }
  }
  // the canvas takes the size of its shapes; the trailing quiet zone is an invisible square
  rects.unshift({ type: 'rect', x: 0, y: 0, w: size, h: size, lineWidth: 0, color: '#ffffff', fillOpacity: 0 })
  return { canvas: rects } satisfies Content
}
