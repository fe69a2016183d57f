/** 调查记录 and 调解记录: one record per session, each starting on its own page. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { statementWithoutSpeaker } from '../../domain/statements'
import { invitedLine } from '../../domain/collaborators'
import type { CaseBundle, SessionRecord } from '../../domain/types'
import { formatChineseDateTime, mediatorsByIds, namesOf, orBlank, orderedParties } from '../format'
import { closingBlock, formTable, heading, page, paragraph } from '../layout'
import { pickSessions, type BuildOptions } from './common'

const TITLES = { investigation: '调查记录', mediation: '调解记录' } as const

function sessionContent(bundle: CaseBundle, s: SessionRecord, first: boolean): Content[] {
  const mediators = mediatorsByIds(bundle, s.mediatorIds)
  const recorder = s.recorderId ? mediatorsByIds(bundle, [s.recorderId])[0] : undefined
  const isMediation = s.kind === 'mediation'
  const invited = invitedLine(s.invitedIds, bundle.collaborators ?? [])
  const statements = s.statements.length > 0 ? s.statements : [{ speaker: '', text: orBlank(s.notes, '') }]
  const body: Content[] = [
    { text: TITLES[s.kind], style: 'title', ...(first ? {} : { pageBreak: 'before' as const }) },
    formTable([
      ['时间', formatChineseDateTime(s.startedAt), '地点', orBlank(s.place)],
      ['事由', orBlank(bundle.case.title)],
      [isMediation ? '人民调解员' : '调查人', namesOf(mediators), '记录人', orBlank(recorder?.name)],
      [isMediation ? '当事人' : '被调查人', namesOf(orderedParties(bundle))],
      ['参加人', orBlank(s.present, '无')],
      ...(invited ? [['邀请参加人员', invited] as const] : []),
    ]),
  ]
  if (isMediation) {
    body.push(
      paragraph(
        '调解员：告知当事人在人民调解活动中享有的权利和承担的义务，当事人表示已清楚，同意调解，不申请调解员回避。',
      ),
    )
  }
  body.push(heading(isMediation ? '各方陈述' : '调查内容'))
  for (const st of statements)
    body.push(paragraph(st.speaker ? `${st.speaker}：${statementWithoutSpeaker(st.speaker, st.text)}` : st.text))
  if (s.factsChecked) body.push(heading('核实情况'), paragraph(s.factsChecked))
  if (s.riskWarning) body.push(heading('风险提示'), paragraph(s.riskWarning))
  body.push(heading(isMediation ? '调解结果' : '调查结论'), paragraph(orBlank(s.outcome)))
  if (s.notes && s.statements.length > 0) body.push(heading('备注'), paragraph(s.notes))
  const rows = [
    ...orderedParties(bundle).map((p) => ({ label: p.role, name: p.name, fingerprint: true })),
    ...mediators.map((m) => ({ label: isMediation ? '人民调解员' : '调查人', name: m.name, fingerprint: false })),
    ...(recorder ? [{ label: '记录人', name: recorder.name, fingerprint: false }] : []),
  ]
  body.push(
    ...closingBlock({
      before: [paragraph('以上记录已经本人阅看（或已向本人宣读），确认无误。', { margin: [0, 8, 0, 0] })],
      rows,
      caption: '签名',
    }),
  )
  return body
}

function buildSessions(bundle: CaseBundle, kind: SessionRecord['kind'], opts: BuildOptions): TDocumentDefinitions {
  const sessions = pickSessions(bundle, kind, opts.sessionId)
  return page({
    title: TITLES[kind],
    content: sessions.flatMap((s, i) => sessionContent(bundle, s, i === 0)),
    headerNote: bundle.case.caseNo,
  })
}

export function buildInvestigationRecord(bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  return buildSessions(bundle, 'investigation', opts)
}

export function buildMediationRecord(bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  return buildSessions(bundle, 'mediation', opts)
}
