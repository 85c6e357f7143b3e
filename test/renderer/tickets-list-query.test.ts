import { describe, expect, it } from 'vitest'
import type { TicketListItem } from '@contract/tickets.contract'
import {
  atRiskPage,
  defaultTicketFilters,
  matchesFilters,
  queryFromTicketFilters,
  scopesFor,
  ticketFiltersFromQuery,
  ticketListInputOf,
} from '@renderer/views/tickets/ticket-list-query'

const ALL = scopesFor({ all: true, write: true })

function item(id: number, overrides: Partial<TicketListItem> = {}): TicketListItem {
  return {
    id,
    no: `TS20250301-00${id}`,
    kind: 'complaint',
    state: 'dispatched',
    source: 'phone',
    customer: { id: 40, name: '张三' },
    phone: '138 0013 8000',
    category: '工程质量',
    severity: '一般',
    subject: '卫生间漏水',
    department: { id: 2, name: '工程部' },
    responsible: { id: 21, name: '李工' },
    handler: { id: 5, name: '王客服' },
    // 2025-03-01 23:30 UTC is 2025-03-02 in Shanghai
    createdAt: '2025-03-01T23:30:00.000Z',
    responseDueAt: '2025-03-02T23:30:00.000Z',
    respondedAt: null,
    resolutionDueAt: '2025-03-08T23:30:00.000Z',
    resolvedAt: null,
    closedAt: null,
    clock: { kind: 'response', dueAt: '2025-03-02T23:30:00.000Z', status: 'atRisk', used: 0.8 },
    escalationLevel: 0,
    repeatOf: null,
    satisfaction: null,
    version: 1,
    ...overrides,
  }
}

describe('投诉维修 filters in the URL', () => {
  it('round-trips every filter through the query, leaving defaults out', () => {
    const filters = {
      ...defaultTicketFilters(),
      scope: 'department' as const,
      state: 'open' as const,
      kind: 'repair' as const,
      severity: '紧急',
      category: '防水',
      department: 2,
      person: 21,
      due: 'breached' as const,
      q: ' TS2025 ',
      from: '2025-03-01',
      to: '2025-03-31',
      page: 3,
      pageSize: 50,
    }
    const query = queryFromTicketFilters(filters)
    expect(query).toEqual({
      scope: 'department',
      state: 'open',
      kind: 'repair',
      severity: '紧急',
      category: '防水',
      department: '2',
      person: '21',
      due: 'breached',
      q: 'TS2025',
      from: '2025-03-01',
      to: '2025-03-31',
      page: '3',
      size: '50',
    })
    expect(ticketFiltersFromQuery(query as Record<string, string>, ALL)).toEqual({ ...filters, q: 'TS2025' })
    expect(queryFromTicketFilters(defaultTicketFilters())).toEqual({})
  })

  it('falls back to defaults for anything malformed instead of sending it to the core', () => {
    const filters = ticketFiltersFromQuery({ scope: 'everyone', state: 'done', kind: 'x', department: '-1', person: 'abc', due: 'soon', from: '2025-3-1', page: '0', size: '7' }, ALL)
    expect(filters).toEqual(defaultTicketFilters())
  })

  it('offers 全部 only with tickets.all, and only 我的 to staff who may not act on tickets', () => {
    expect(scopesFor({ all: true, write: true })).toEqual(['mine', 'department', 'all'])
    expect(scopesFor({ all: false, write: true })).toEqual(['mine', 'department'])
    expect(scopesFor({ all: false, write: false })).toEqual(['mine'])
    // a bookmarked scope=all opened by an agent shows their own tickets, not a FORBIDDEN
    expect(ticketFiltersFromQuery({ scope: 'all' }, scopesFor({ all: false, write: true })).scope).toBe('mine')
  })

  it('asks tickets.list for 未结 as `open`, a single state as `state`, 已超时 as `overdue`', () => {
    const base = defaultTicketFilters()
    expect(ticketListInputOf(base)).toEqual({ scope: 'mine', page: 1, pageSize: 20 })
    expect(ticketListInputOf({ ...base, state: 'open', due: 'breached', person: 21, department: 2, q: 'WX' })).toEqual({
      scope: 'mine',
      open: true,
      overdue: true,
      personId: 21,
      departmentId: 2,
      q: 'WX',
      page: 1,
      pageSize: 20,
    })
    expect(ticketListInputOf({ ...base, state: 'suspended' })).toMatchObject({ state: 'suspended' })
    expect(ticketListInputOf({ ...base, state: 'suspended' })).not.toHaveProperty('open')
    // 即将超时 is not a list filter: the risk board supplies those rows
    expect(ticketListInputOf({ ...base, due: 'atRisk' })).not.toHaveProperty('overdue')
  })
})

describe('即将超时 from the risk board', () => {
  const zone = 'Asia/Shanghai'
  it('narrows the at-risk list by the other filters, dates in company days', () => {
    const f = defaultTicketFilters()
    const row = item(1)
    expect(matchesFilters(row, f, zone)).toBe(true)
    expect(matchesFilters(row, { ...f, from: '2025-03-02', to: '2025-03-02' }, zone)).toBe(true)
    expect(matchesFilters(row, { ...f, to: '2025-03-01' }, zone)).toBe(false)
    expect(matchesFilters(row, { ...f, kind: 'repair' }, zone)).toBe(false)
    expect(matchesFilters(row, { ...f, state: 'open' }, zone)).toBe(true)
    expect(matchesFilters(row, { ...f, state: 'inProgress' }, zone)).toBe(false)
    expect(matchesFilters(row, { ...f, person: 22 }, zone)).toBe(false)
    expect(matchesFilters(row, { ...f, department: 2, person: 21, severity: '一般', category: '工程质量' }, zone)).toBe(true)
    expect(matchesFilters(row, { ...f, q: 'ts20250301' }, zone)).toBe(true)
    expect(matchesFilters(row, { ...f, q: '张' }, zone)).toBe(true)
    expect(matchesFilters(row, { ...f, q: '李四' }, zone)).toBe(false)
    expect(matchesFilters({ ...row, responsible: null, department: null }, { ...f, person: 21 }, zone)).toBe(false)
  })

  it('pages the filtered rows and counts them all', () => {
    const rows = Array.from({ length: 25 }, (_, i) => item(i + 1, i % 5 === 0 ? { kind: 'repair' } : {}))
    const page2 = atRiskPage(rows, { ...defaultTicketFilters(), kind: 'complaint', page: 2, pageSize: 10 }, zone)
    expect(page2.total).toBe(20)
    expect(page2.items.map((r) => r.id)).toEqual([14, 15, 17, 18, 19, 20, 22, 23, 24, 25])
  })
})
