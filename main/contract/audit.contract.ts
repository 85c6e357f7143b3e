import { defineMethod } from './define'
import { choice, input, optionalId, optionalText, pageInput, type Page } from './schema-kit'

export const AUDIT_ACTIONS = ['view', 'change', 'export', 'login', 'loginFailed', 'logout'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  id: number
  at: string
  actorId: number | null
  actorName: string | null
  action: AuditAction
  method: string
  entityId: number | null
  detail: string | null
}

export const auditContract = {
  list: defineMethod<Page<AuditEntry>>()({
    input: input({
      actorId: optionalId('操作人').optional(),
      action: choice('操作类型', AUDIT_ACTIONS).optional(),
      method: optionalText('接口', 60),
      ...pageInput(),
    }),
    permission: 'audit.read',
  }),
}
