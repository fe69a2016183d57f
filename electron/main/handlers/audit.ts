import type { auditChannels } from '../../../src/shared/ipc/audit'
import type { AuditAnchorStore } from '../auditAnchors'
import type { GroupHandlers } from '../ipc'

/** The audit:* channels over the anchor file (electron/main/auditAnchors.ts). */
export function createAuditHandlers(anchors: AuditAnchorStore): GroupHandlers<typeof auditChannels> {
  return {
    'audit:anchor': (head) => anchors.record(head),
    'audit:anchors': () => anchors.read(),
  }
}
