import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { useAuthStore } from '@renderer/stores/auth.store'
import { useCallDeskStore } from '@renderer/views/calls/call-desk.store'
import { callDetail, knownCallerPop, newCallerPop } from './support/call-desk-fixtures'
import { afterLookup, field, mountDesk, press, typeInto, unmountDesks } from './support/mount-desk'

afterEach(unmountDesks)

describe('the call desk: who is calling', () => {
  it('puts the cursor in the number box, rests in the empty state and shows the keys', async () => {
    const { wrapper } = await mountDesk()
    await flushPromises()
    expect(document.activeElement).toBe(field(wrapper, 'desk-number'))
    expect(wrapper.get('[data-test="desk-pop"]').attributes('data-state')).toBe('empty')
    const legend = wrapper.get('[data-test="desk-shortcuts"]').text()
    for (const key of ['F2', 'Ctrl+Enter', 'Esc', 'F4']) expect(legend).toContain(key)
  })

  it('looks up a number typed in another format and shows the caller’s card', async () => {
    const { wrapper, fake } = await mountDesk({ 'calls.screenPop': () => knownCallerPop() })
    await typeInto(wrapper, 'desk-number', '139 1234')
    await afterLookup()
    expect(fake.callsOf('calls.screenPop')).toHaveLength(0)
    await typeInto(wrapper, 'desk-number', '+86-139-1234-5678')
    await afterLookup()
    expect(fake.callsOf('calls.screenPop').map((c) => c.input)).toEqual([{ phone: '+86-139-1234-5678' }])
    const card = wrapper.get('[data-test="desk-pop"]')
    expect(card.attributes('data-state')).toBe('known')
    expect(wrapper.get('[data-test="desk-pop-name"]').text()).toBe('王芳')
    expect(card.text()).toContain('来访 2 次')
    expect(card.text()).toContain('来电 5 次')
    expect(card.text()).toContain('张设计')
    expect(card.text()).toContain('陈客服')
    expect(card.text()).toContain('上海市 · 中国联通')
    expect(wrapper.get('[data-test="desk-pop-recent"]').text()).toContain('问报价')
    const items = wrapper.findAll('[data-test="desk-open-item"]')
    expect(items.map((i) => i.attributes('data-overdue'))).toEqual(['true', 'false'])
    // a follow-up is due on a day, not at a time
    expect(items[0].text()).toContain('2025-02-27')
    expect(items[0].text()).toContain('已逾期')
    // the same number typed differently asks nothing more
    await typeInto(wrapper, 'desk-number', '13912345678')
    await afterLookup()
    expect(fake.callsOf('calls.screenPop')).toHaveLength(1)
  })

  it('keeps only what a number can hold when a number is pasted with words around it', async () => {
    const { wrapper } = await mountDesk()
    await typeInto(wrapper, 'desk-number', '电话：021-6234 5678（王先生）')
    expect(field(wrapper, 'desk-number').value).toBe('021-6234 5678')
  })

  it('shows a new caller clearly, and F4 goes to the new customer’s name', async () => {
    const { wrapper } = await mountDesk({ 'calls.screenPop': () => newCallerPop() })
    expect(wrapper.find('[data-test="desk-new-customer-name"]').exists()).toBe(false)
    await typeInto(wrapper, 'desk-number', '138 0013 8000')
    await afterLookup()
    const card = wrapper.get('[data-test="desk-pop"]')
    expect(card.attributes('data-state')).toBe('new')
    expect(card.text()).toContain('新来电')
    expect(card.text()).toContain('F4')
    await press(window, 'F4')
    await flushPromises()
    expect(document.activeElement).toBe(field(wrapper, 'desk-new-customer-name'))
    // F2 takes the agent back to the number, text selected to type over
    await press(window, 'F2')
    await flushPromises()
    expect(document.activeElement).toBe(field(wrapper, 'desk-number'))
  })

  it('starts the call on Enter, runs the timer, and moves on to the form', async () => {
    const threeSecondsAgo = () => new Date(Date.now() - 3_000).toISOString()
    const { wrapper, fake } = await mountDesk({ 'calls.start': (input) => callDetail({ rawNumber: String(input.phone), startedAt: threeSecondsAgo(), answeredAt: threeSecondsAgo() }) })
    await typeInto(wrapper, 'desk-number', '138 0013 8000')
    await afterLookup()
    await press(field(wrapper, 'desk-number'), 'Enter')
    await flushPromises()
    expect(fake.callsOf('calls.start').map((c) => c.input)).toEqual([{ direction: 'in', phone: '138 0013 8000' }])
    expect(wrapper.find('[data-test="desk-start"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="desk-call-status"]').text()).toBe('通话中')
    expect(wrapper.get('[data-test="desk-timer"]').text()).toBe('00:03')
    expect(document.activeElement).toBe(field(wrapper, 'desk-new-customer-name'))
  })

  it('does not start a call on Enter in an empty box; an outbound call needs a number', async () => {
    const { wrapper, fake } = await mountDesk()
    await press(field(wrapper, 'desk-number'), 'Enter')
    expect(fake.callsOf('calls.start')).toHaveLength(0)
    await wrapper.get('[data-test="desk-direction-out"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-test="desk-start"]').attributes('disabled')).toBeDefined()
  })
})

describe('the call desk: calls pushed by the telephony', () => {
  const ringing = callDetail({ id: 900, source: 'cti', status: 'ringing', rawNumber: '+8613912345678', normalized: '13912345678', display: '139 1234 5678', ringingAt: new Date().toISOString(), answeredAt: null })

  it('pops the desk for a call ringing at my extension, from another screen', async () => {
    let current = ringing
    const thisCall = { kind: 'call' as const, at: new Date().toISOString(), refId: 900, title: '呼入（振铃中）', detail: '', actor: null }
    const pop = knownCallerPop()
    const { wrapper, fake, router } = await mountDesk({ 'calls.get': () => current, 'calls.screenPop': () => ({ ...pop, recent: [thisCall, ...pop.recent] }) }, { initialPath: '/customers' })
    fake.emit({ type: 'call', phase: 'ringing', callId: 900, staffId: 7, direction: 'in' })
    await flushPromises()
    expect(fake.callsOf('calls.get').map((c) => c.input)).toEqual([{ id: 900 }])
    expect(router.currentRoute.value.name).toBe('calls')
    expect(field(wrapper, 'desk-number').value).toBe('139 1234 5678')
    // looked up at once, not after the typing debounce
    expect(fake.callsOf('calls.screenPop')).toHaveLength(1)
    expect(wrapper.get('[data-test="desk-pop"]').attributes('data-state')).toBe('known')
    expect(wrapper.get('[data-test="desk-call-status"]').text()).toBe('来电振铃中')
    // the call being taken is no "recent interaction"
    expect(wrapper.get('[data-test="desk-pop-recent"]').text()).not.toContain('振铃中')
    expect(wrapper.get('[data-test="desk-pop-recent"]').text()).toContain('问报价')

    current = { ...ringing, status: 'talking', answeredAt: new Date(Date.now() - 65_000).toISOString(), version: 2 }
    fake.emit({ type: 'call', phase: 'answered', callId: 900, staffId: 7, direction: 'in' })
    await flushPromises()
    expect(wrapper.get('[data-test="desk-call-status"]').text()).toBe('通话中')
    expect(wrapper.get('[data-test="desk-timer"]').text()).toBe('01:05')

    current = { ...current, status: 'answered', talkSec: 125, endedAt: new Date().toISOString(), version: 3 }
    fake.emit({ type: 'call', phase: 'ended', callId: 900, staffId: 7, direction: 'in' })
    await flushPromises()
    expect(wrapper.get('[data-test="desk-call-status"]').text()).toBe('通话结束')
    expect(wrapper.get('[data-test="desk-timer"]').text()).toBe('02:05')
  })

  it('does nothing for a call ringing at someone else’s extension', async () => {
    const { wrapper, fake, router } = await mountDesk({ 'calls.get': () => ringing }, { initialPath: '/customers' })
    fake.emit({ type: 'call', phase: 'ringing', callId: 900, staffId: 8, direction: 'in' })
    fake.emit({ type: 'call', phase: 'ringing', callId: 901, staffId: null, direction: 'in' })
    await flushPromises()
    expect(fake.callsOf('calls.get')).toHaveLength(0)
    expect(router.currentRoute.value.name).toBe('customers')
    expect(field(wrapper, 'desk-number').value).toBe('')
  })

  it('says 未显示号码 for a withheld caller', async () => {
    const withheld = { ...ringing, rawNumber: '', normalized: null, display: '' }
    const { wrapper, fake } = await mountDesk({ 'calls.get': () => withheld })
    fake.emit({ type: 'call', phase: 'ringing', callId: 900, staffId: 7, direction: 'in' })
    await flushPromises()
    const card = wrapper.get('[data-test="desk-pop"]')
    expect(card.attributes('data-state')).toBe('empty')
    expect(card.text()).toContain('未显示号码')
    expect(fake.callsOf('calls.screenPop')).toHaveLength(0)
  })

  it('keeps a half-written intake when another call rings, and offers to switch', async () => {
    const { wrapper, fake } = await mountDesk({ 'calls.get': () => ringing })
    await typeInto(wrapper, 'desk-number', '138 0013 8000')
    await press(field(wrapper, 'desk-number'), 'Enter')
    await typeInto(wrapper, 'desk-summary', '询问报价')
    fake.emit({ type: 'call', phase: 'ringing', callId: 900, staffId: 7, direction: 'in' })
    await flushPromises()
    expect(field(wrapper, 'desk-summary').value).toBe('询问报价')
    expect(wrapper.get('[data-test="desk-incoming"]').text()).toContain('139 1234 5678')
    await wrapper.get('[data-test="desk-incoming-accept"]').trigger('click')
    await flushPromises()
    expect(field(wrapper, 'desk-number').value).toBe('139 1234 5678')
    expect(field(wrapper, 'desk-summary').value).toBe('')
  })

  it('forgets the call on the desk and stops listening once the agent logs out', async () => {
    const { wrapper, fake, pinia } = await mountDesk({ 'calls.get': () => ringing })
    fake.emit({ type: 'call', phase: 'ringing', callId: 900, staffId: 7, direction: 'in' })
    await flushPromises()
    expect(field(wrapper, 'desk-number').value).toBe('139 1234 5678')
    useAuthStore(pinia).user = null
    await flushPromises()
    expect(field(wrapper, 'desk-number').value).toBe('')
    expect(useCallDeskStore(pinia).call).toBeNull()
    fake.emit({ type: 'call', phase: 'ringing', callId: 900, staffId: 7, direction: 'in' })
    await flushPromises()
    expect(fake.callsOf('calls.get')).toHaveLength(1)
  })

  it('refreshes the follow-up and missed-call counts when calls change, without polling', async () => {
    let missedCalls = 0
    const { wrapper, fake } = await mountDesk({ 'calls.missed': () => Array.from({ length: missedCalls }, (_, i) => ({ numberKey: `1370013700${i}`, display: '', customer: null, count: 1, firstAt: '2025-03-01T01:00:00Z', lastAt: '2025-03-01T01:00:00Z', lastCallId: i + 1, handledAt: null, handledBy: null, handledNote: null })) })
    expect(wrapper.find('[data-test="desk-badge-missed"]').exists()).toBe(false)
    const asked = fake.callsOf('calls.missed').length
    missedCalls = 2
    fake.emit({ type: 'dataChanged', area: 'visits' })
    await flushPromises()
    expect(fake.callsOf('calls.missed')).toHaveLength(asked)
    fake.emit({ type: 'dataChanged', area: 'calls', id: 5 })
    await flushPromises()
    expect(wrapper.get('[data-test="desk-badge-missed"]').text()).toBe('2')
  })
})
