import type { Committee } from '../../../src/domain/types'
import type { IntakeInput } from '../../../src/domain/intake'
import type { PartyInput } from '../../../src/domain/parties'
import { completeSetup } from '../../../src/db/settingsRepo'
import { DEFAULT_CASE_NUMBER_PATTERN } from '../../../src/domain/settings'
import type { MediationDb } from '../../../src/db/schema'

export async function setUpCommittee(
  db: MediationDb,
): Promise<{ committee: Committee; roomId: string; mediatorIds: string[] }> {
  const s = await completeSetup(
    db,
    {
      committee: {
        fullName: '城关镇人民调解委员会',
        shortName: '城关镇',
        address: '',
        phone: '',
        caseNumberPattern: DEFAULT_CASE_NUMBER_PATTERN,
        defaultDeadlineDays: 30,
      },
      mediators: [
        {
          key: 'a',
          name: '李淑珺',
          gender: '女',
          phone: '13812345678',
          certificateNo: 'TJ-1',
          role: '调解员',
          active: true,
        },
        {
          key: 'b',
          name: '王五',
          gender: '男',
          phone: '13812345679',
          certificateNo: 'TJ-2',
          role: '记录人',
          active: true,
        },
      ],
      rooms: [{ name: '老李调解工作室', leadMediatorKey: 'a' }],
    },
    '测试',
  )
  return { committee: s.committee!, roomId: s.rooms[0]!.id, mediatorIds: s.mediators.map((m) => m.id) }
}

export function person(name: string, role: PartyInput['role'], extra: Partial<PartyInput> = {}): PartyInput {
  return { role, kind: 'person', name, phone: '', address: '', agents: [], ...extra }
}

export function intake(roomId: string, over: Partial<IntakeInput> = {}): IntakeInput {
  return {
    source: '当事人申请',
    sourceBody: '',
    sourceRefNo: '',
    oralApplication: false,
    category: '邻里',
    title: '相邻通行纠纷',
    facts: '双方因院墙通道发生争执。',
    requests: ['恢复通行'],
    amountYuan: 0,
    peopleCount: 2,
    flags: [],
    roomId,
    mediatorIds: [],
    receivedOn: '2026-03-01',
    parties: [person('王𠮷', '申请人', { phone: '13900001111' }), person('赵堃', '被申请人')],
    ...over,
  }
}
