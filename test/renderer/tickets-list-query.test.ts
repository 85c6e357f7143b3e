import { describe, expect, it } from 'vitest'
import {
  defaultTicketFilters,
  queryFromTicketFilters,
  scopesFor,
  ticketFiltersFromQuery,
  ticketListInputOf,
} from '@renderer/views/tickets/ticket-list-query'

const ALL = scopesFor({ all: true, write: true })


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

  it('asks tickets.list for 未结 as `open`, a single state as `state`, 已超时 as `overdue`, 即将超时 as `atRisk`', () => {
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
    expect(ticketListInputOf({ ...base, due: 'atRisk', kind: 'repair' })).toEqual({ scope: 'mine', atRisk: true, kind: 'repair', page: 1, pageSize: 20 })
    expect(ticketListInputOf({ ...base, due: 'atRisk' })).not.toHaveProperty('overdue')
  })
})
