import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@contract/settings.contract'
import { emptyIntakeDraft, intakeFieldOf, intakeFieldOrder, isDraftChanged, mapIntakeErrors, missingDetails, toSaveIntakeInput, type IntakeContext } from '@renderer/views/calls/intake-draft'
import { filterTemplates } from '@renderer/views/calls/template-filter'
import { insertAtCursor } from '@renderer/views/calls/text-insert'
import { timerOf } from '@renderer/views/calls/call-timer'
import { daysSince, quickDate } from '@renderer/views/calls/quick-dates'
import { callDetail, templateList } from './support/call-desk-fixtures'

const ctx = (overrides: Partial<IntakeContext> = {}): IntakeContext => ({
  call: callDetail(),
  number: '138 0013 8000',
  customerId: null,
  budgetRanges: DEFAULT_SETTINGS.budgetRanges,
  timeZone: 'Asia/Shanghai',
  localAreaCode: '021',
  ...overrides,
})

describe('the intake draft', () => {
  it('books a measuring visit on the company’s clock, with the designer', () => {
    const draft = { ...emptyIntakeDraft('measure'), address: ' 淮海中路 1 号 ', scheduledAt: '2025-03-08 10:00', designerId: 11, budget: 4 }
    expect(toSaveIntakeInput(draft, ctx()).details).toEqual({
      type: 'measure',
      community: null,
      houseType: null,
      areaSqm: null,
      budgetMinFen: 50_000_000,
      budgetMaxFen: null,
      style: null,
      address: '淮海中路 1 号',
      scheduledAt: '2025-03-08T02:00:00.000Z',
      designerId: 11,
    })
  })

  it('sends repair details as typed, and no details for a 回访', () => {
    const repair = { ...emptyIntakeDraft('repair'), repairCategory: '防水', description: ' 卫生间渗水 ', preferredTime: '周六上午' }
    expect(toSaveIntakeInput(repair, ctx()).details).toEqual({ type: 'repair', category: '防水', description: '卫生间渗水', address: null, preferredTime: '周六上午' })
    expect(toSaveIntakeInput(emptyIntakeDraft('callback'), ctx()).details).toBeNull()
  })

  it('corrects a mistyped number, and then no longer holds the old number’s customer', () => {
    const draft = emptyIntakeDraft()
    expect(toSaveIntakeInput(draft, ctx({ number: '+86 138-0013-8000' }))).not.toHaveProperty('phone')
    const corrected = toSaveIntakeInput({ ...draft, newCustomerName: '孙先生' }, ctx({ number: '139 1234 5678' }))
    expect(corrected).toMatchObject({ phone: '139 1234 5678', customerId: null, newCustomerName: '孙先生' })
    expect(toSaveIntakeInput(draft, ctx({ number: '139 1234 5678', customerId: 42 }))).toMatchObject({ phone: '139 1234 5678', customerId: 42 })
  })

  it('says whether an outbound call got through; an inbound one always did', () => {
    const draft = { ...emptyIntakeDraft('callback'), connected: false }
    expect(toSaveIntakeInput(draft, ctx({ call: callDetail({ direction: 'out' }) })).connected).toBe(false)
    expect(toSaveIntakeInput(draft, ctx()).connected).toBe(true)
  })

  it('puts the core’s field names under the form’s fields', () => {
    expect(intakeFieldOf('details.category', 'complaint')).toBe('complaintCategory')
    expect(intakeFieldOf('details.category', 'repair')).toBe('repairCategory')
    expect(intakeFieldOf('details.budgetMaxFen', 'consult')).toBe('budget')
    expect(intakeFieldOf('details', 'complaint')).toBe('type')
    expect(intakeFieldOf('customerId', 'consult')).toBe('newCustomerName')
    expect(intakeFieldOf('phone', 'consult')).toBe('phone')
    expect(intakeFieldOf('version', 'consult')).toBeNull()
    expect(mapIntakeErrors({ 'details.description': 'a', followUpOn: 'b', nonsense: 'c' }, 'repair')).toEqual({ description: 'a', followUpOn: 'b' })
  })

  it('knows what each type requires and the order Enter walks', () => {
    expect(missingDetails(emptyIntakeDraft('measure'))).toEqual(['scheduledAt', 'designerId'])
    expect(missingDetails({ ...emptyIntakeDraft('repair'), repairCategory: '水电' })).toEqual(['description'])
    expect(missingDetails(emptyIntakeDraft('consult'))).toEqual([])
    expect(intakeFieldOrder('complaint', { newCustomer: true, outbound: true })).toEqual(['newCustomerName', 'connected', 'type', 'complaintCategory', 'severity', 'description', 'expectation', 'summary', 'outcome', 'followUpOn'])
  })

  it('tells a touched form from the one it started as', () => {
    const baseline = emptyIntakeDraft('callback')
    expect(isDraftChanged({ ...baseline }, baseline)).toBe(false)
    expect(isDraftChanged({ ...baseline, summary: '好' }, baseline)).toBe(true)
  })
})

describe('template search', () => {
  it('matches every word in title, text, keywords or category, titles first', () => {
    expect(filterTemplates(templateList, { q: '', category: null }).map((t) => t.id)).toEqual([1, 2, 3])
    expect(filterTemplates(templateList, { q: '质保', category: null }).map((t) => t.id)).toEqual([2])
    expect(filterTemplates(templateList, { q: '售后 维修', category: null }).map((t) => t.id)).toEqual([3])
    const inBody = { ...templateList[0], id: 10, title: '开场白', body: '工期一般为 90 天', sortOrder: 0 }
    const inTitle = { ...templateList[0], id: 11, title: '工期说明', body: '请以合同为准', sortOrder: 5 }
    expect(filterTemplates([inBody, inTitle], { q: '工期', category: null }).map((t) => t.id)).toEqual([11, 10])
    expect(filterTemplates(templateList, { q: '', category: '售后' }).map((t) => t.id)).toEqual([2, 3])
  })
})

describe('inserting a reply', () => {
  it('goes where the cursor is, replacing a selection', () => {
    expect(insertAtCursor('客户问：', '好的', { start: 4, end: 4 })).toEqual({ value: '客户问：好的', caret: 6 })
    expect(insertAtCursor('甲乙丙', 'X', { start: 1, end: 2 })).toEqual({ value: '甲X丙', caret: 2 })
  })

  it('starts a new line after a finished sentence at the end', () => {
    expect(insertAtCursor('已答复。', '好的', null)).toEqual({ value: '已答复。\n好的', caret: 7 })
    expect(insertAtCursor('', '好的', null)).toEqual({ value: '好的', caret: 2 })
  })
})

describe('the call timer', () => {
  const now = Date.parse('2025-03-01T02:01:05Z')
  it('counts the ring, then the talk from the answer, then shows the final talk time', () => {
    const base = { startedAt: '2025-03-01T02:00:00Z', ringingAt: '2025-03-01T02:00:55Z', answeredAt: null, talkSec: null }
    expect(timerOf({ ...base, status: 'ringing' }, now)).toEqual({ mode: 'ringing', seconds: 10 })
    expect(timerOf({ ...base, status: 'talking', answeredAt: '2025-03-01T02:00:05Z' }, now)).toEqual({ mode: 'talking', seconds: 60 })
    expect(timerOf({ ...base, status: 'answered', talkSec: 125 }, now)).toEqual({ mode: 'ended', seconds: 125 })
    expect(timerOf(null, now).mode).toBe('none')
  })
})

describe('quick follow-up dates', () => {
  it('counts company-local days: at 23:30 UTC it is already tomorrow in Shanghai', () => {
    const lateEvening = new Date('2025-03-01T23:30:00Z')
    expect(quickDate('tomorrow', lateEvening, 'Asia/Shanghai')).toBe('2025-03-03')
    expect(quickDate('in3Days', lateEvening, 'Asia/Shanghai')).toBe('2025-03-05')
    expect(quickDate('nextWeek', lateEvening, 'Asia/Shanghai')).toBe('2025-03-09')
    expect(daysSince('2025-02-27', '2025-03-02')).toBe(3)
  })
})
