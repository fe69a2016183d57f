import { describe, expect, it } from 'vitest'
import { checkSyncServerForm, classifyConnection, databaseUrl } from '../../../src/domain/syncConnection'

const COUCH_ROOT = { status: 200, body: { couchdb: 'Welcome', version: '3.3.3' } }
const SIGNED_IN = { status: 200, body: { ok: true, userCtx: { name: 'reception', roles: [] } } }
const FORM = { url: 'https://tiaojie.example.cn:6984/', database: 'mr-abc', user: ' reception ', password: ' pw 1 ' }

describe('classifyConnection (CouchDB 3 answers, written out)', () => {
  it.each([
    ['no answer at all', { root: 'unreachable' as const }, { kind: 'unreachable' }],
    ['a web page', { root: { status: 200, body: null } }, { kind: 'notCouch' }],
    ['JSON without couchdb', { root: { status: 200, body: { version: '1' } } }, { kind: 'notCouch' }],
    ['a 404 root', { root: { status: 404, body: { couchdb: 'Welcome' } } }, { kind: 'notCouch' }],
    ['_session 401', { root: COUCH_ROOT, session: { status: 401, body: {} } }, { kind: 'password' }],
    [
      '_session 200 but nobody signed in',
      { root: COUCH_ROOT, session: { status: 200, body: { userCtx: { name: null } } } },
      { kind: 'password' },
    ],
    [
      'the database 403 (CouchDB 3, a signed-in non-member)',
      { root: COUCH_ROOT, session: SIGNED_IN, database: { status: 403, body: {} } },
      { kind: 'foreignCommittee' },
    ],
    [
      'the database 404',
      { root: COUCH_ROOT, session: SIGNED_IN, database: { status: 404, body: {} } },
      { kind: 'missingDatabase' },
    ],
    [
      'the database 500',
      { root: COUCH_ROOT, session: SIGNED_IN, database: { status: 500, body: {} } },
      { kind: 'serverError', status: 500 },
    ],
    [
      'everything answers',
      { root: COUCH_ROOT, session: SIGNED_IN, database: { status: 200, body: { db_name: 'mr-abc' } } },
      { kind: 'ok', version: '3.3.3' },
    ],
  ])('%s', (_name, answers, expected) => {
    expect(classifyConnection(answers)).toEqual(expected)
  })
})

describe('checkSyncServerForm', () => {
  it('normalises the address and the user, keeps the password as typed', () => {
    expect(checkSyncServerForm(FORM)).toEqual({
      ok: true,
      origin: 'https://tiaojie.example.cn:6984',
      settings: { url: 'https://tiaojie.example.cn:6984', database: 'mr-abc', user: 'reception', password: ' pw 1 ' },
    })
  })

  it.each([
    [
      { url: 'http://192.168.1.20:5984' },
      'url',
      '为保护当事人信息，服务器地址须以 https:// 开头（仅本机服务器可用 http://）',
    ],
    [{ url: '' }, 'url', '请填写同步服务器地址'],
    [{ database: '' }, 'database', '请填写数据库名称'],
    [{ database: 'MR-ABC' }, 'database', '数据库名称须以小写字母开头，只含小写字母、数字和 _$()+-/，例如 mr-xxxx'],
    [{ database: '_users' }, 'database', '数据库名称须以小写字母开头，只含小写字母、数字和 _$()+-/，例如 mr-xxxx'],
    [{ user: '  ' }, 'user', '请填写用户名'],
    [{ user: 'a:b' }, 'user', '用户名不能包含冒号“:”'],
    [{ password: '' }, 'password', '请填写密码'],
  ])('refuses %o', (change, field, message) => {
    expect(checkSyncServerForm({ ...FORM, ...change })).toEqual({ ok: false, field, message })
  })

  it('accepts http to this computer only', () => {
    expect(checkSyncServerForm({ ...FORM, url: 'http://127.0.0.1:5984' }).ok).toBe(true)
    expect(checkSyncServerForm({ ...FORM, url: 'http://localhost:5984' }).ok).toBe(true)
    expect(checkSyncServerForm({ ...FORM, url: 'http://10.0.0.2:5984' }).ok).toBe(false)
  })

  it('the database URL is the address, a slash and the name', () => {
    expect(databaseUrl('https://a.cn/couch/', 'mr-abc')).toBe('https://a.cn/couch/mr-abc')
  })
})
