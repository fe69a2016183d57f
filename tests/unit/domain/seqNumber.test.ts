import { describe, expect, it } from 'vitest'
import { seqNumber } from '../../../src/domain/syncServer'

describe('seqNumber: how far along the changes a server sequence is', () => {
  it.each<[string | number | undefined | null, number]>([
    // CouchDB 3 (a cluster's opaque sequence, led by the count)
    [
      '12-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMckEQiQ1L9____szKYE5lygQLsZiYGZiamyYbYdOAxKY8FSDI0AKn_UFMSGcDmmBgZG5mbmWLTkQUAKgZHBA',
      12,
    ],
    ['0-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMckEQiQ1L9', 0],
    ['100000-g1AAAAFTe', 100_000],
    // PouchDB Server
    [12, 12],
    ['12', 12],
    [0, 0],
    // nothing readable: counted as the start
    [undefined, 0],
    [null, 0],
    ['now', 0],
    ['', 0],
    ['-5-g1AA', 0],
  ])('%s -> %s', (seq, n) => {
    expect(seqNumber(seq)).toBe(n)
  })
})
