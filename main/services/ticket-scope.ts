import type { EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import { AppError } from '../contract/errors'
import type { TicketScope } from '../contract/tickets.contract'
import { repo } from '../../database/entities'

/** Who is looking, as tickets see them: the account, and the person and department it stands for. */
export interface Viewer {
  user: SessionUser
  personId: number | null
  departmentId: number | null
}

export async function viewerOf(em: EntityManager, user: SessionUser): Promise<Viewer> {
  const account = await repo(em, 'staff_account').findOne({ select: { personId: true }, where: { id: user.id } })
  const person = account?.personId ? await repo(em, 'person').findOne({ select: { departmentId: true }, where: { id: account.personId } }) : null
  return { user, personId: account?.personId ?? null, departmentId: person?.departmentId ?? null }
}

/** Staff who only open tickets (reception) see the ones they opened, nothing more. */
export function seesOnlyOwn(user: SessionUser): boolean {
  return !user.permissions.includes('tickets.write')
}

/** The caller's scope as a condition on `t` (ticket), for query builders and hand-written SQL alike; null for everything. */
export function scopeClause(scope: TicketScope, viewer: Viewer): { sql: string; params: Record<string, unknown> } | null {
  if (seesOnlyOwn(viewer.user)) return { sql: 't.created_by = :viewerId', params: { viewerId: viewer.user.id } }
  switch (scope) {
    case 'all':
      if (!viewer.user.permissions.includes('tickets.all')) throw new AppError('FORBIDDEN', '只有客服班长和客服经理可以查看全部工单')
      return null
    case 'department':
      if (viewer.departmentId === null) throw new AppError('VALIDATION', '您的账号没有关联到某个部门的人员，无法查看本部门工单', { scope: '账号未关联部门' })
      return { sql: 't.department_id = :viewerDepartment', params: { viewerDepartment: viewer.departmentId } }
    case 'mine':
      return viewer.personId === null
        ? { sql: 't.handler_id = :viewerId', params: { viewerId: viewer.user.id } }
        : { sql: '(t.handler_id = :viewerId OR t.person_id = :viewerPerson)', params: { viewerId: viewer.user.id, viewerPerson: viewer.personId } }
  }
}

/**
 * Narrows a query on `t` (ticket) to the caller's scope: mine = tickets I follow or am
 * responsible for; department = my department's; all = everything, for shift leads and managers.
 */
export function applyScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: TicketScope, viewer: Viewer): SelectQueryBuilder<T> {
  const clause = scopeClause(scope, viewer)
  return clause ? qb.andWhere(clause.sql, clause.params) : qb
}
