import { EntitySchema } from 'typeorm'
import type { AuditAction } from '../../main/contract/audit.contract'
import type { ColumnKit } from './columns'

export interface AuditLogRow {
  id: number
  at: Date
  actorId: number | null
  action: AuditAction
  method: string
  entityId: number | null
  detail: string | null
}

export const auditLogEntity = (c: ColumnKit) =>
  new EntitySchema<AuditLogRow>({
    name: 'audit_log',
    columns: {
      id: c.id(),
      at: c.time(),
      actorId: c.int(true),
      action: c.text(20),
      method: c.text(60),
      entityId: c.int(true),
      detail: c.longText(),
    },
  })
