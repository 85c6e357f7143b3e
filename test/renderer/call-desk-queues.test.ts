import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { callDetail, followUp, knownCallerPop, missedItem } from './support/call-desk-fixtures'
import { field, mountDesk, press, typeInto, unmountDesks } from './support/mount-desk'

afterEach(unmountDesks)

describe('my follow-ups on the desk', () => {
  const due = [followUp(), followUp({ id: 32, overdue: false, dueOn: '2999-01-01', customer: { id: 43, name: '李强' }, display: '136 0000 1111', note: null })]

  it('counts them on the tab, overdue ones first and red', async () => {
    const { wrapper } = await mountDesk({ 'calls.followUps': () => due })
    const badge = wrapper.get('[data-test="desk-badge-followups"]')
    expect(badge.text()).toBe('2')
    expect(badge.classes()).toContain('danger')
    await wrapper.get('[data-test="desk-tab-followups"]').trigger('click')
    await flushPromises()
    const rows = wrapper.findAll('[data-test="desk-followup-row"]')
    expect(rows.map((r) => r.attributes('data-overdue'))).toEqual(['true', 'false'])
    expect(rows[0].text()).toContain('王芳')
    expect(rows[0].text()).toMatch(/逾期 \d+ 天/)
  })

  it('去电 starts the follow-up and loads the outbound call into the form', async () => {
    const outbound = callDetail({ id: 610, direction: 'out', rawNumber: '13912345678', normalized: '13912345678', display: '139 1234 5678', followUpId: 31, customer: { id: 42, name: '王芳' } })
    const { wrapper, fake } = await mountDesk({ 'calls.followUps': () => due, 'calls.startFollowUp': () => outbound, 'calls.screenPop': () => knownCallerPop() })
    await wrapper.get('[data-test="desk-tab-followups"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="desk-followup-row"] [data-test="desk-followup-start"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('calls.startFollowUp').map((c) => c.input)).toEqual([{ id: 31 }])
    expect(field(wrapper, 'desk-number').value).toBe('139 1234 5678')
    expect(wrapper.get('[data-test="desk-pop-name"]').text()).toBe('王芳')
    expect((wrapper.get('[data-test="desk-type-callback"] input').element as HTMLInputElement).checked).toBe(true)
    expect(wrapper.get('[data-test="desk-direction-out"]').classes()).toContain('is-active')
    expect(wrapper.find('[data-test="desk-connected"]').exists()).toBe(true)

    await typeInto(wrapper, 'desk-summary', '客户对报价满意')
    await press(field(wrapper, 'desk-summary'), 'Enter', { ctrlKey: true })
    await flushPromises()
    expect(fake.callsOf('calls.saveIntake')[0].input).toMatchObject({ id: 610, type: 'callback', details: null, connected: true, customerId: 42 })
  })

  it('reschedules a follow-up inline and reloads the list', async () => {
    const { wrapper, fake } = await mountDesk({ 'calls.followUps': () => due, 'calls.rescheduleFollowUp': (input) => followUp({ dueOn: String(input.dueOn), overdue: false }) })
    await wrapper.get('[data-test="desk-tab-followups"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="desk-followup-reschedule"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="quick-in3Days"]').trigger('click')
    await typeInto(wrapper, 'desk-reschedule-note', '客户出差')
    const asked = fake.callsOf('calls.followUps').length
    await wrapper.get('[data-test="desk-reschedule-confirm"]').trigger('click')
    await flushPromises()
    const sent = fake.callsOf('calls.rescheduleFollowUp').map((c) => c.input)
    expect(sent).toEqual([{ id: 31, dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), note: '客户出差' }])
    expect(fake.callsOf('calls.followUps').length).toBeGreaterThan(asked)
    expect(wrapper.find('[data-test="desk-reschedule-confirm"]').exists()).toBe(false)
  })
})

describe('missed calls on the desk', () => {
  it('lists missed numbers with their count; 标记已处理 with a note calls handleMissed', async () => {
    let open = [missedItem(), missedItem({ numberKey: '', display: '', count: 1 })]
    const { wrapper, fake } = await mountDesk({
      'calls.missed': (input) => (input.handled ? [] : open),
      'calls.handleMissed': (input) => {
        open = open.filter((m) => m.numberKey !== input.numberKey)
        return missedItem({ handledAt: '2025-03-01T03:00:00Z', handledBy: { id: 7, name: '陈客服' }, handledNote: String(input.note) })
      },
    })
    expect(wrapper.get('[data-test="desk-badge-missed"]').text()).toBe('2')
    await wrapper.get('[data-test="desk-tab-missed"]').trigger('click')
    await flushPromises()
    const rows = wrapper.findAll('[data-test="desk-missed-row"]')
    expect(rows[0].text()).toContain('137 0013 7000')
    expect(rows[0].text()).toContain('3 次')
    // a withheld caller cannot be called back
    expect(rows[1].text()).toContain('未显示号码')
    expect(rows[1].get('[data-test="desk-missed-callback"]').attributes('disabled')).toBeDefined()

    await rows[0].get('[data-test="desk-missed-handle"]').trigger('click')
    await flushPromises()
    await typeInto(wrapper, 'desk-missed-handle-note', '已短信回复')
    await wrapper.get('[data-test="desk-missed-handle-confirm"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('calls.handleMissed').map((c) => c.input)).toEqual([{ numberKey: '13700137000', note: '已短信回复' }])
    expect(wrapper.findAll('[data-test="desk-missed-row"]')).toHaveLength(1)
    expect(wrapper.get('[data-test="desk-badge-missed"]').text()).toBe('1')
  })

  it('Esc in the note cancels there and leaves the desk alone', async () => {
    const { wrapper, fake, asked } = await mountDesk({ 'calls.missed': (input) => (input.handled ? [] : [missedItem()]) })
    await typeInto(wrapper, 'desk-number', '138 0013 8000')
    await wrapper.get('[data-test="desk-tab-missed"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="desk-missed-handle"]').trigger('click')
    await flushPromises()
    await press(field(wrapper, 'desk-missed-handle-note'), 'Escape')
    expect(wrapper.find('[data-test="desk-missed-handle-confirm"]').exists()).toBe(false)
    expect(field(wrapper, 'desk-number').value).toBe('138 0013 8000')
    expect(asked).toEqual([])
    expect(fake.callsOf('calls.handleMissed')).toHaveLength(0)
  })

  it('回拨 starts an outbound call to the number and loads it', async () => {
    const { wrapper, fake } = await mountDesk({
      'calls.missed': (input) => (input.handled ? [] : [missedItem()]),
      'calls.start': (input) => callDetail({ id: 620, direction: 'out', rawNumber: String(input.phone), normalized: '13700137000', display: '137 0013 7000' }),
    })
    await wrapper.get('[data-test="desk-tab-missed"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="desk-missed-callback"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('calls.start').map((c) => c.input)).toEqual([{ direction: 'out', phone: '13700137000' }])
    expect(field(wrapper, 'desk-number').value).toBe('137 0013 7000')
    expect(wrapper.get('[data-test="desk-call-status"]').text()).toBe('通话中')
  })

  it('shows the handled ones, by whom and when, on request', async () => {
    const handled = missedItem({ handledAt: '2025-03-01T03:00:00Z', handledBy: { id: 9, name: '周客服' }, handledNote: '已回电' })
    const { wrapper } = await mountDesk({ 'calls.missed': (input) => (input.handled ? [handled] : []) })
    await wrapper.get('[data-test="desk-tab-missed"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="desk-missed-handled-row"]').exists()).toBe(false)
    await wrapper.get('[data-test="desk-missed-show-handled"]').trigger('click')
    await flushPromises()
    const row = wrapper.get('[data-test="desk-missed-handled-row"]')
    expect(row.text()).toContain('周客服 2025-03-01 11:00 处理')
    expect(row.text()).toContain('已回电')
  })

  it('leaves the desk as it was when a call-back cannot start', async () => {
    const { wrapper } = await mountDesk({
      'calls.missed': (input) => (input.handled ? [] : [missedItem()]),
      'calls.start': () => {
        throw new AppError('VALIDATION', '电话「1」不是有效的号码', { phone: '电话「1」不是有效的号码' })
      },
    })
    await wrapper.get('[data-test="desk-tab-missed"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="desk-missed-callback"]').trigger('click')
    await flushPromises()
    expect(field(wrapper, 'desk-number').value).toBe('')
    expect(wrapper.find('[data-test="desk-call-status"]').exists()).toBe(false)
  })
})
