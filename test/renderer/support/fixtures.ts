import type { SessionUser } from '@contract/auth.contract'
import type { PhoneLookup } from '@contract/customers.contract'
import type { Person } from '@contract/org.contract'
import { ROLE_PERMISSIONS, type Role } from '@contract/roles'
import { DEFAULT_SETTINGS } from '@contract/settings.contract'
import type { Visit } from '@contract/visits.contract'

export function userOf(role: Role, id = 7): SessionUser {
  return { id, username: role, displayName: `${role} user`, role, permissions: [...ROLE_PERMISSIONS[role]] }
}

export const settings = { ...DEFAULT_SETTINGS }

export function designer(id: number, name: string): Person {
  return { id, name, kind: 'designer', departmentId: null, departmentName: null, phone: null, accountId: null, isGeneralManager: false, active: true }
}

export function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 1,
    customerId: 1,
    customerName: '张三',
    phone: '138 0013 8000',
    arrivedAt: '2025-03-01T02:00:00.000Z',
    status: 'waiting',
    withDesignerAt: null,
    leftAt: null,
    partySize: 1,
    intentLevel: 'medium',
    sourceChannel: null,
    community: null,
    houseType: null,
    areaSqm: null,
    budgetMinFen: null,
    budgetMaxFen: null,
    style: null,
    notes: null,
    outcome: null,
    designer: null,
    receptionist: { id: 7, name: '李前台' },
    collision: false,
    ...overrides,
  }
}

export function newNumberLookup(normalized = '13800138000'): PhoneLookup {
  return { normalized, display: '138 0013 8000', kind: 'mobile', region: '北京市', carrier: '中国移动', customer: null, recentVisits: [], following: null }
}
