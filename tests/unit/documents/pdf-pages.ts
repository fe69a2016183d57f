/**
 * The text of each page of a PDF, read with pdfjs-dist (the library the app's preview uses), with the
 * page header (the case number) and footer (第 x 页 共 y 页) dropped and whitespace removed, so that
 * a test can ask what a given page holds.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

const FOOTER = /第\d+页共\d+页/g
// pdfmake draws the header after the page's content: the case number ends each page's text
const HEADER_CASE_NO = /（\d{4}）[^（）]*号$/

export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  // pdfjs takes ownership of the buffer it is given: hand it a copy
  const doc = await getDocument({ data: pdf.slice(), disableFontFace: true, useSystemFonts: false }).promise
  try {
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      const text = content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s+/g, '')
      pages.push(text.replace(FOOTER, '').replace(HEADER_CASE_NO, ''))
    }
    return pages
  } finally {
    await doc.destroy()
  }
}
