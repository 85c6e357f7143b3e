import { describe, expect, it } from 'vitest'
import { ticketsContract } from '@contract/tickets.contract'
import {
  fieldsFromTicket,
  mapTicketErrors,
  missingFields,
  newTicketDraft,
  presetFromCall,
  presetFromVisit,
  toCreateInput,
  toUpdateInput,
} from '@renderer/views/tickets/ticket-draft'
import { actionProblems, emptyActionDraft, mapActionErrors, toTransitionChange } from '@renderer/views/tickets/ticket-action-form'

const zone = 'Asia/Shanghai'
const SEVERITIES = ['一般', '较重', '严重', '紧急']

describe('the create form → tickets.create', () => {
  it('carries a complaint call over: category, severity, description, expectation, the call and its customer', () => {
    const preset = presetFromCall({
      id: 88,
      customer: { id: 40, name: '张三' },
      details: { type: 'complaint', category: '工程质量', severity: '严重', description: '卫生间漏水到楼下', expectation: '一周内返工' },
    })
    const draft = newTicketDraft(preset!, SEVERITIES)
    expect(missingFields(draft)).toEqual([])
    const input = toCreateInput(draft, zone)
    expect(input).toEqual({
      kind: 'complaint',
      source: 'phone',
      customerId: 40,
      callId: 88,
      visitId: null,
      category: '工程质量',
      severity: '严重',
      description: '卫生间漏水到楼下',
      expectation: '一周内返工',
      address: null,
      preferredTime: null,
      completionDate: null,
      workerId: null,
      appointmentAt: null,
      dispatch: null,
    })
    // what the form sends is what the contract accepts
    expect(ticketsContract.create.input.safeParse(input).success).toBe(true)
  })

  it('carries a repair call over with its address and preferred time, at the first severity', () => {
    const preset = presetFromCall({ id: 9, customer: null, details: { type: 'repair', category: '防水', description: '阳台渗水', address: '绿地 3-201', preferredTime: '周六上午' } })
    const draft = newTicketDraft(preset!, SEVERITIES)
    expect(draft).toMatchObject({ kind: 'repair', source: 'phone', callId: 9, customer: null, severity: '一般', address: '绿地 3-201', preferredTime: '周六上午' })
    // a call saved without a customer: the agent must pick one
    expect(missingFields(draft)).toEqual(['customerId'])
  })

  it('offers nothing for a call that was not a complaint or a repair', () => {
    expect(presetFromCall({ id: 1, customer: null, details: { type: 'consult' } as never })).toBeNull()
    expect(presetFromCall({ id: 1, customer: null, details: null })).toBeNull()
  })

  it('starts a walk-in ticket at 到店 with the visit and its client', () => {
    const draft = newTicketDraft(presetFromVisit({ id: 3, customerId: 41, customerName: '李四' }, 'complaint'), SEVERITIES)
    expect(draft).toMatchObject({ kind: 'complaint', source: 'walkIn', visitId: 3, customer: { id: 41, name: '李四' }, severity: '' })
    expect(missingFields(draft)).toEqual(['category', 'severity', 'description'])
  })

  it('reads times on the company clock, and sends a repair’s own fields only with a repair', () => {
    const draft = newTicketDraft({ kind: 'repair', customer: { id: 40, name: '张三' } }, SEVERITIES)
    Object.assign(draft, {
      category: '水电',
      description: '插座不通电',
      address: '  ',
      completionDate: '2024-05-01',
      workerId: 31,
      appointmentAt: '2025-03-05 14:30',
      dispatchNow: true,
      departmentId: 2,
      personId: 21,
      dueAt: '2025-03-06 18:00',
    })
    const input = toCreateInput(draft, zone)
    expect(input).toMatchObject({
      address: null,
      completionDate: '2024-05-01',
      workerId: 31,
      appointmentAt: '2025-03-05T06:30:00.000Z',
      dispatch: { departmentId: 2, personId: 21, dueAt: '2025-03-06T10:00:00.000Z' },
    })
    expect(ticketsContract.create.input.safeParse(input).success).toBe(true)

    // switched to a complaint after typing repair details: those are not sent
    const complaint = toCreateInput({ ...draft, kind: 'complaint', dispatchNow: false }, zone)
    expect(complaint).toMatchObject({ address: null, completionDate: null, workerId: null, appointmentAt: null, dispatch: null })
  })

  it('asks for the department and person only when dispatching at once', () => {
    const draft = { ...newTicketDraft({ customer: { id: 1, name: 'x' } }, SEVERITIES), category: '设计', severity: '一般', description: '方案与效果图不符' }
    expect(missingFields(draft)).toEqual([])
    expect(missingFields({ ...draft, dispatchNow: true })).toEqual(['departmentId', 'personId'])
  })

  it('puts the core’s messages under the fields they name, dispatch and change prefixes included', () => {
    expect(mapTicketErrors({ category: '类别不在列表中', 'dispatch.personId': '责任人不属于该部门', callId: '该来电已转为工单', 'unknown.x': '?' })).toEqual({
      category: '类别不在列表中',
      personId: '责任人不属于该部门',
      callId: '该来电已转为工单',
    })
  })
})

describe('the edit form → tickets.update', () => {
  it('fills from the ticket on the company clock and sends its version', () => {
    const ticket = {
      id: 7,
      version: 4,
      kind: 'repair' as const,
      category: '防水',
      severity: '较重',
      description: '渗水',
      expectation: null,
      address: null,
      preferredTime: '晚上',
      completionDate: '2024-05-01',
      worker: { id: 31, name: '赵师傅' },
      appointmentAt: '2025-03-05T06:30:00.000Z',
    }
    const fields = fieldsFromTicket(ticket as never, zone)
    expect(fields).toMatchObject({ appointmentAt: '2025-03-05 14:30', workerId: 31, expectation: '', address: '' })
    const input = toUpdateInput(ticket, fields, zone)
    expect(input).toMatchObject({ id: 7, version: 4, appointmentAt: '2025-03-05T06:30:00.000Z', expectation: null, workerId: 31 })
    expect(ticketsContract.update.input.safeParse(input).success).toBe(true)
  })
})

describe('action dialogs → tickets.transition', () => {
  const ctx = { timeZone: zone, nowMs: new Date('2025-03-05T00:00:00.000Z').getTime() }

  it('needs a department and person to dispatch, and a deadline in the future', () => {
    const draft = emptyActionDraft()
    expect(actionProblems('dispatch', draft, ctx)).toEqual({ missing: ['departmentId', 'personId'], pastDue: false })
    const filled = { ...draft, departmentId: 2, personId: 21, dueAt: '2025-03-05 07:59' }
    // 07:59 in Shanghai is 23:59 UTC the day before: already past
    expect(actionProblems('dispatch', filled, ctx).pastDue).toBe(true)
    const change = toTransitionChange('dispatch', { ...filled, dueAt: '2025-03-06 18:00', note: ' ' }, zone)
    expect(change).toEqual({ action: 'dispatch', departmentId: 2, personId: 21, dueAt: '2025-03-06T10:00:00.000Z', note: null })
    expect(ticketsContract.transition.input.safeParse({ id: 1, version: 1, change }).success).toBe(true)
  })

  it('asks each action for what it needs: a note to respond, a reason to suspend, nothing to resume', () => {
    const draft = emptyActionDraft()
    expect(actionProblems('respond', draft, ctx).missing).toEqual(['note'])
    expect(actionProblems('suspend', draft, ctx).missing).toEqual(['reason', 'note'])
    expect(actionProblems('resume', draft, ctx).missing).toEqual([])
    expect(actionProblems('reassign', emptyActionDraft({ departmentId: 2, personId: null }), ctx).missing).toEqual(['personId'])
    for (const [action, extra] of [
      ['respond', {}],
      ['resolve', {}],
      ['reopen', {}],
      ['cancel', {}],
      ['resume', {}],
      ['suspend', { reason: 'supplier' }],
      ['reassign', { departmentId: 3, personId: 31 }],
    ] as const) {
      const change = toTransitionChange(action, { ...draft, ...extra, note: '已联系' }, zone)
      expect(ticketsContract.transition.input.safeParse({ id: 1, version: 2, change }).success, action).toBe(true)
    }
    // 改派 keeps the deadline: the contract takes no dueAt there
    expect(toTransitionChange('reassign', { ...draft, departmentId: 3, personId: 31, dueAt: '2025-03-09 10:00' }, zone)).not.toHaveProperty('dueAt')
  })

  it('maps `change.` field errors back to the dialog’s fields', () => {
    expect(mapActionErrors({ 'change.personId': '责任人已停用', 'change.action': '不能派单' })).toEqual({ personId: '责任人已停用' })
  })
})
