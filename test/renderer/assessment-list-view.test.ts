import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import type { Assessment } from '@contract/tickets.contract'
import AssessmentListView from '@renderer/views/assessments/assessment-list-view.vue'
import { allowedRangeFen, amountProblem } from '@renderer/views/assessments/assessment-amount'
import { fenToYuan, yuanToFen } from '@renderer/format'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'
import { assessment } from './support/ticket-admin-fixtures'

const stub = { render: () => h('div') }
const routes = [
  { path: '/tickets/:id', name: 'ticket-detail', component: stub },
  { path: '/:any(.*)*', component: stub },
]

afterEach(() => {
  document.body.innerHTML = ''
})

describe('yuan typed, fen stored', () => {
  it('converts both ways without floating-point crumbs', () => {
    expect(yuanToFen(123.45)).toBe(12345)
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen(1.005)).toBe(100)
    expect(yuanToFen(200)).toBe(20000)
    expect(yuanToFen(null)).toBeNull()
    expect(yuanToFen(Number.NaN)).toBeNull()
    expect(fenToYuan(12345)).toBe(123.45)
    expect(fenToYuan(null)).toBeNull()
  })

  it('holds 投诉到公司领导 to the range in the settings; 总经理 has none', () => {
    const range = allowedRangeFen('leaders', settings)
    expect(range).toEqual({ min: 10000, max: 30000 })
    expect(allowedRangeFen('generalManager', settings)).toBeNull()
    expect(amountProblem(150, range)).toBeNull()
    expect(amountProblem(100, range)).toBeNull()
    expect(amountProblem(300.01, range)).toBe('outOfRange')
    expect(amountProblem(99.99, range)).toBe('outOfRange')
    expect(amountProblem(null, range)).toBe('required')
    expect(amountProblem(500, null)).toBeNull()
  })
})

describe('责任考核', () => {
  function core(items: Assessment[] = [assessment(), assessment({ id: 92, reason: 'generalManager', proposedFen: 20000, person: { id: 22, name: '刘监理' } })]) {
    return {
      'settings.get': () => settings,
      'tickets.assessments': (input: Record<string, unknown>) => items.filter((a) => !input.status || a.status === input.status),
      'tickets.decideAssessment': (input: Record<string, unknown>) => {
        const found = items.find((a) => a.id === input.id)!
        if (found.status !== 'proposed') throw new AppError('CONFLICT', '该考核已处理')
        Object.assign(found, input.decision === 'confirm' ? { status: 'confirmed', amountFen: input.amountFen ?? found.proposedFen } : { status: 'rejected' }, { decisionNote: input.note })
        return found
      },
    }
  }

  it('lists the proposed ones with amounts as ¥ and two decimals', async () => {
    const { wrapper, fake } = await mountScreen(AssessmentListView, { handlers: core(), routes, initialPath: '/assessments' })
    expect(fake.callsOf('tickets.assessments')[0].input).toEqual({ status: 'proposed' })
    expect(wrapper.findAll('[data-test="assessments-proposed"]').map((c) => c.text())).toEqual(['¥200.00', '¥200.00'])
    expect(wrapper.text()).toContain('投诉到公司领导')
  })

  it('confirms an amount typed in yuan as integer fen, refusing one outside the leaders’ range', async () => {
    const { wrapper, fake } = await mountScreen(AssessmentListView, { handlers: core(), routes, initialPath: '/assessments' })
    await wrapper.findAll('[data-test="assessments-confirm"]')[0].trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-test="assessment-range"]')?.textContent).toBe('允许范围：¥100.00 – ¥300.00')
    const amount = document.querySelector<HTMLInputElement>('[data-test="assessment-amount"] input')!
    amount.value = '350'
    amount.dispatchEvent(new Event('input'))
    amount.dispatchEvent(new Event('change'))
    await flushPromises()
    document.querySelector<HTMLElement>('[data-test="assessment-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('tickets.decideAssessment')).toHaveLength(0)
    await vi.waitFor(() => expect(document.querySelector('.el-form-item__error')?.textContent).toBe('投诉到公司领导的考核金额应在 ¥100.00 至 ¥300.00 之间'))

    amount.value = '123.45'
    amount.dispatchEvent(new Event('input'))
    amount.dispatchEvent(new Event('change'))
    await flushPromises()
    document.querySelector<HTMLElement>('[data-test="assessment-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('tickets.decideAssessment').map((c) => c.input)).toEqual([{ id: 91, decision: 'confirm', amountFen: 12345, note: null }])
  })

  it('rejects only with a reason', async () => {
    const { wrapper, fake } = await mountScreen(AssessmentListView, { handlers: core(), routes, initialPath: '/assessments' })
    await wrapper.findAll('[data-test="assessments-reject"]')[1].trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-test="assessment-amount"]')).toBeNull()
    document.querySelector<HTMLElement>('[data-test="assessment-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('tickets.decideAssessment')).toHaveLength(0)
    await vi.waitFor(() => expect(document.querySelector('.el-form-item__error')?.textContent).toBe('驳回时请说明理由'))
    const note = document.querySelector<HTMLTextAreaElement>('textarea[data-test="assessment-note"]')!
    note.value = '客户投诉与责任人无关'
    note.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLElement>('[data-test="assessment-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('tickets.decideAssessment').map((c) => c.input)).toEqual([{ id: 92, decision: 'reject', note: '客户投诉与责任人无关' }])
  })
})
