/**
 * The validation a committee's server runs on every write (VALIDATE_DOC_UPDATE) must run on Apache CouchDB 3,
 * whose older releases run design functions in SpiderMonkey 1.8.5: ECMAScript 5, without the methods later
 * editions added. The tests elsewhere run it in PouchDB Server on Node, which would take any modern syntax,
 * so here it is parsed as ES5 (acorn) and run in a context stripped of the post-ES5 methods, against a
 * written-out table of writes and the answers the server must give.
 */
import { parse } from 'acorn'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { FUTURE_STAMP_MARGIN_MS } from '../../../src/domain/laterChange'
import { SERVER_REFUSALS, VALIDATE_DOC_UPDATE } from '../../../src/domain/syncServer'

/** Methods ES2015 and later added, absent from SpiderMonkey 1.8.5. */
const STRIP = `
  delete Array.prototype.includes; delete Array.prototype.find; delete Array.prototype.findIndex;
  delete Array.prototype.fill; delete Array.prototype.flat; delete Array.prototype.flatMap;
  delete Array.from; delete Array.of; delete Object.assign; delete Object.entries; delete Object.values;
  delete String.prototype.includes; delete String.prototype.startsWith; delete String.prototype.endsWith;
  delete String.prototype.padStart; delete String.prototype.padEnd; delete String.prototype.repeat;
  delete Number.isFinite; delete Number.isNaN; delete globalThis.Symbol; delete globalThis.Map;
  delete globalThis.Set; delete globalThis.Promise;
`

type Answer = 'ok' | { forbidden: string } | { unauthorized: string }

/** Runs the validation as the server would, in the stripped context; what it throws is the answer. */
function validate(newDoc: object, oldDoc: object | null, userCtx: object): Answer {
  return runInNewContext(
    `${STRIP}
    var validate = (${VALIDATE_DOC_UPDATE});
    var answer = 'ok';
    try { validate(newDoc, oldDoc, userCtx); } catch (e) { answer = JSON.parse(JSON.stringify(e)); }
    answer`,
    { newDoc, oldDoc, userCtx },
  ) as Answer
}

const MEMBER = { name: 'pc-a', roles: ['mr-member-x'] }
const NOW = new Date().toISOString()
const LATER = new Date(Date.now() + FUTURE_STAMP_MARGIN_MS + 60 * 60_000).toISOString()
const R = SERVER_REFUSALS
const FINAL = {
  _id: 'agreement:a1',
  type: 'agreement',
  status: 'final',
  caseId: 'c1',
  version: 1,
  keyId: 'k',
  finalizedAt: NOW,
  finalDigest: 'd',
}
/** as versions before the keyed digest pushed it: the hash, signature and 核验码 in clear */
const { finalDigest: _digest, ...UNDIGESTED } = FINAL
const LEGACY = { ...UNDIGESTED, contentHash: 'h', signature: 's', verifyCode: 'v' }

describe('the server validation on an ECMAScript 5 engine (CouchDB 3 with SpiderMonkey 1.8.5)', () => {
  it('parses as ECMAScript 5', () => {
    expect(() => parse(`(${VALIDATE_DOC_UPDATE})`, { ecmaVersion: 5 })).not.toThrow()
  })

  it.each<[string, object, object | null, object, Answer]>([
    ['a new case by a member', { _id: 'case:c1', type: 'case', updatedAt: NOW }, null, MEMBER, 'ok'],
    [
      'an anonymous write',
      { _id: 'case:c1', type: 'case' },
      null,
      { name: null, roles: [] },
      { unauthorized: R.anonymous },
    ],
    ['a document without a type', { _id: 'x:1' }, null, MEMBER, { forbidden: R.noType }],
    [
      'a change stamped in the future',
      { _id: 'case:c1', type: 'case', updatedAt: LATER },
      null,
      MEMBER,
      { forbidden: R.futureStamp },
    ],
    [
      'an audit entry changed',
      { _id: 'audit:a:1', type: 'audit', x: 2 },
      { _id: 'audit:a:1', type: 'audit', x: 1 },
      MEMBER,
      { forbidden: R.auditAppendOnly },
    ],
    [
      'a signing key replaced',
      { _id: 'auditKey:a', type: 'auditKey', publicKey: 'B' },
      { _id: 'auditKey:a', type: 'auditKey', publicKey: 'A' },
      MEMBER,
      { forbidden: R.auditKeyFixed },
    ],
    [
      'a signing key deleted',
      { _id: 'auditKey:a', _deleted: true },
      { _id: 'auditKey:a', type: 'auditKey', publicKey: 'A' },
      MEMBER,
      { forbidden: R.auditKeyFixed },
    ],
    [
      'an archived case changed',
      { _id: 'case:c1', type: 'case', status: 'archived', title: '改' },
      { _id: 'case:c1', type: 'case', status: 'archived' },
      MEMBER,
      { forbidden: R.archived },
    ],
    [
      'an archived case reopened',
      { _id: 'case:c1', type: 'case', status: 'closed', reopenCount: 1 },
      { _id: 'case:c1', type: 'case', status: 'archived' },
      MEMBER,
      'ok',
    ],
    [
      'an archived case deleted',
      { _id: 'case:c1', _deleted: true },
      { _id: 'case:c1', type: 'case', status: 'archived' },
      MEMBER,
      { forbidden: R.archivedDelete },
    ],
    ['a final agreement superseded', { ...FINAL, status: 'superseded' }, FINAL, MEMBER, 'ok'],
    ['a final agreement re-signed', { ...FINAL, finalDigest: 'e' }, FINAL, MEMBER, { forbidden: R.finalAgreement }],
    ['a final agreement without its digest', UNDIGESTED, FINAL, MEMBER, { forbidden: R.finalAgreement }],
    [
      'an older final agreement re-signed',
      { ...LEGACY, signature: 't' },
      LEGACY,
      MEMBER,
      { forbidden: R.finalAgreement },
    ],
    ['an older final agreement put under its digest', FINAL, LEGACY, MEMBER, 'ok'],
    ['an older final agreement stripped', UNDIGESTED, LEGACY, MEMBER, { forbidden: R.finalAgreement }],
    [
      'an older final agreement put under a digest with another version',
      { ...FINAL, version: 2 },
      LEGACY,
      MEMBER,
      { forbidden: R.finalAgreement },
    ],
    ['a final agreement made a draft', { ...FINAL, status: 'draft' }, FINAL, MEMBER, { forbidden: R.finalAgreement }],
    [
      'a final agreement deleted',
      { _id: FINAL._id, _deleted: true },
      FINAL,
      MEMBER,
      { forbidden: R.finalAgreementDelete },
    ],
    [
      'the design document by an admin',
      { _id: '_design/mediation-room' },
      null,
      { name: 'admin', roles: ['_admin'] },
      'ok',
    ],
  ])('%s', (_what, newDoc, oldDoc, userCtx, answer) => {
    expect(validate(newDoc, oldDoc, userCtx)).toEqual(answer)
  })
})
