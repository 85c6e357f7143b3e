import { describe, expect, it } from 'vitest'
import { milestoneState, payableStages, paymentState, siteActions } from '@renderer/views/projects/project-status'
import { contractFieldOf, contractProblems, newContractDraft, paymentCheck, presetFromDeposit, toCreateInput } from '@renderer/views/projects/project-draft'
import { projectFiltersFromQuery, projectListInputOf, queryFromProjectFilters } from '@renderer/views/projects/project-list-query'
import { actionFieldOf, dateBounds } from '@renderer/views/projects/project-actions'
import { depositDetail, projectDetail, projectItem } from './support/project-fixtures'

describe('what a site offers', () => {
  it('records 开工 first, then any milestone not yet reached (the next one first), nothing new while stopped, corrections until cancelled', () => {
    const pending = projectItem()
    expect(milestoneState(pending, 'start')).toEqual({ kind: 'recordable', next: true })
    expect(milestoneState(pending, 'midterm')).toEqual({ kind: 'waiting', previous: 'start' })
    const building = projectDetail()
    expect(milestoneState(building, 'start')).toEqual({ kind: 'done', correctable: true })
    expect(milestoneState(building, 'material')).toEqual({ kind: 'recordable', next: true })
    // a site may skip 材料进场: 中期验收 can be recorded too
    expect(milestoneState(building, 'midterm')).toEqual({ kind: 'recordable', next: false })
    expect(milestoneState({ ...building, status: 'stopped' }, 'material')).toEqual({ kind: 'stopped' })
    expect(milestoneState({ ...building, status: 'cancelled' }, 'material')).toEqual({ kind: 'closed' })
    expect(milestoneState({ ...building, status: 'cancelled' }, 'start')).toEqual({ kind: 'done', correctable: false })
  })

  it('bounds each step’s date the way the core checks it', () => {
    const building = projectDetail({
      milestones: {
        start: { plannedOn: null, actualOn: '2026-11-10' },
        material: { plannedOn: null, actualOn: null },
        midterm: { plannedOn: null, actualOn: '2026-11-25' },
        completion: { plannedOn: null, actualOn: null },
      },
      stops: [{ id: 1, fromOn: '2026-11-12', toOn: '2026-11-15', reason: '业主出差' }],
    })
    expect(dateBounds(building, { kind: 'milestone', milestone: 'material' })).toEqual({ min: '2026-11-10', max: '2026-11-25' })
    expect(dateBounds(building, { kind: 'milestone', milestone: 'start', correct: true })).toEqual({ min: '2026-11-01', max: '2026-11-12' })
    expect(dateBounds(building, { kind: 'milestone', milestone: 'completion' })).toEqual({ min: '2026-11-25', max: null })
    expect(dateBounds(building, { kind: 'stop' })).toEqual({ min: '2026-11-15', max: null })
    expect(dateBounds({ ...building, stops: [{ id: 2, fromOn: '2026-11-20', toOn: null, reason: '材料未到' }] }, { kind: 'resume' })).toEqual({ min: '2026-11-20', max: null })
    expect(dateBounds(building, { kind: 'payment', stage: 'midterm' })).toEqual({ min: '2026-11-01', max: null })
  })

  it('stops a building site, resumes a stopped one, settles a completed one once, cancels until completion', () => {
    const building = projectDetail()
    expect(siteActions(building)).toEqual(['edit', 'stop', 'cancel'])
    expect(siteActions({ ...building, status: 'stopped' })).toEqual(['edit', 'resume', 'cancel'])
    const done = { ...building, status: 'completed' as const, milestones: { ...building.milestones, completion: { plannedOn: null, actualOn: '2026-11-27' } } }
    expect(siteActions(done)).toEqual(['edit', 'settle'])
    expect(siteActions({ ...done, status: 'warranty', settlementSentOn: '2026-11-28' })).toEqual(['edit'])
    expect(siteActions({ ...building, status: 'cancelled' })).toEqual([])
  })

  it('lets each stage with money in it be paid once, and tells owed from not yet due', () => {
    expect(payableStages(projectDetail())).toEqual(['midterm', 'final'])
    expect(payableStages({ ...projectDetail(), status: 'cancelled' })).toEqual([])
    expect(paymentState({ dueOn: '2026-11-20', paidOn: null }, '2026-11-28')).toBe('owed')
    expect(paymentState({ dueOn: '2026-12-20', paidOn: null }, '2026-11-28')).toBe('notDue')
    expect(paymentState({ dueOn: null, paidOn: null }, '2026-11-28')).toBe('unknown')
    expect(paymentState({ dueOn: '2026-11-20', paidOn: '2026-11-21' }, '2026-11-28')).toBe('paid')
  })
})

describe('the contract form', () => {
  it('checks the payment plan against the amount in fen (no floating-point drift)', () => {
    const draft = { amountYuan: 0.3, paymentsYuan: { first: 0.1, midterm: 0.2, final: 0 } }
    expect(paymentCheck(draft)).toEqual({ sumFen: 30, amountFen: 30, over: false, leftFen: 0 })
    expect(paymentCheck({ ...draft, paymentsYuan: { first: 0.1, midterm: 0.2, final: 0.01 } }).over).toBe(true)
    expect(paymentCheck({ amountYuan: null, paymentsYuan: { first: 1, midterm: null, final: null } })).toMatchObject({ over: false, leftFen: null })
  })

  it('says what is missing, a signing date in the future and planned dates out of order', () => {
    const draft = newContractDraft(null, '2026-11-28')
    expect(Object.keys(contractProblems(draft, '2026-11-28'))).toEqual(['customerId', 'contractNo', 'address', 'amountYuan', 'designerId', 'payments.first', 'payments.midterm', 'payments.final'])
    const later = { ...draft, signedOn: '2026-11-29', planned: { start: '2026-12-10', material: null, midterm: '2026-12-01', completion: '2027-01-01' } }
    const problems = contractProblems(later, '2026-11-28')
    expect(problems.signedOn).toEqual({ kind: 'future' })
    expect(problems['planned.midterm']).toEqual({ kind: 'order', previous: 'start' })
    expect(problems['planned.completion']).toBeUndefined()
    const early = { ...draft, signedOn: '2026-11-20', planned: { start: '2026-11-19', material: null, midterm: null, completion: null } }
    expect(contractProblems(early, '2026-11-28', '2026-11-21')).toMatchObject({ signedOn: { kind: 'beforeDeposit', date: '2026-11-21' }, 'planned.start': { kind: 'beforeSigning' } })
  })

  it('starts a contract from a deposit with its customer, designer and deposit, and sends them', () => {
    const draft = newContractDraft(presetFromDeposit(depositDetail()), '2026-11-28')
    expect(draft).toMatchObject({ customer: { id: 42, name: '王芳' }, designerId: 31, depositId: 11, signedOn: '2026-11-28' })
    expect(toCreateInput({ ...draft, amountYuan: 1000.5, paymentsYuan: { first: 300, midterm: 500.25, final: 200.25 } })).toMatchObject({
      customerId: 42,
      depositId: 11,
      designerId: 31,
      amountFen: 100050,
      payments: { first: 30000, midterm: 50025, final: 20025 },
    })
  })

  it('puts the core’s field errors at the fields typed in yuan and at a planned date or payment', () => {
    expect(contractFieldOf('amountFen')).toBe('amountYuan')
    expect(contractFieldOf('payments.final')).toBe('payments.final')
    expect(contractFieldOf('payments')).toBe('payments')
    expect(contractFieldOf('planned.completion')).toBe('planned.completion')
    expect(contractFieldOf('depositId')).toBe('depositId')
    expect(contractFieldOf('version')).toBeNull()
    expect(actionFieldOf('paidOn')).toBe('on')
    expect(actionFieldOf('reason')).toBe('text')
  })
})

describe('the list’s URL', () => {
  it('keeps only known values, and sends 我跟进的 as the logged-in account', () => {
    const filters = projectFiltersFromQuery({ status: 'flying', pm: '12', mine: '1', q: ' 翠湖 ', page: '2' })
    expect(filters).toMatchObject({ status: '', pm: 12, mine: true, q: '翠湖', page: 2 })
    expect(queryFromProjectFilters(filters)).toEqual({ pm: '12', mine: '1', q: '翠湖', page: '2' })
    expect(projectListInputOf(filters, 7)).toEqual({ projectManagerId: 12, agentId: 7, q: '翠湖', page: 2, pageSize: 20 })
  })
})
