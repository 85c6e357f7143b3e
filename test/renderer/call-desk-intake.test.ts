import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { companyDate, addDays } from '@contract/time'
import { useCallDeskStore } from '@renderer/views/calls/call-desk.store'
import { callDetail, knownCallerPop } from './support/call-desk-fixtures'
import { afterLookup, errorOf, field, mountDesk, press, settle, typeInto, unmountDesks, type Desk } from './support/mount-desk'

afterEach(unmountDesks)

/** Types a number, waits for the pop and starts the call with Enter. */
async function startCall(desk: Desk, number = '138 0013 8000'): Promise<void> {
  await typeInto(desk.wrapper, 'desk-number', number)
  await afterLookup()
  await press(field(desk.wrapper, 'desk-number'), 'Enter')
  await flushPromises()
}

describe('the intake form', () => {
  it('saves a new caller’s enquiry with their needs (budget in fen), files them, and is ready for the next call', async () => {
    const desk = await mountDesk({
      'calls.saveIntake': (input) => callDetail({ id: Number(input.id), version: 2, intakeSavedAt: '2025-03-01T02:05:00Z', status: 'answered', customer: { id: 77, name: String(input.newCustomerName) } }),
    })
    const { wrapper, fake, pinia } = desk
    await startCall(desk)
    await typeInto(wrapper, 'desk-new-customer-name', '赵先生')
    await typeInto(wrapper, 'desk-detail-community', '绿地海珀')
    const draft = useCallDeskStore(pinia).draft
    draft.areaSqm = 98
    draft.budget = 1
    draft.style = '新中式'
    await typeInto(wrapper, 'desk-summary', '询问三室装修报价')
    await typeInto(wrapper, 'desk-outcome', '已约周六到店')
    await wrapper.get('[data-test="quick-tomorrow"]').trigger('click')
    await press(field(wrapper, 'desk-outcome'), 'Enter', { ctrlKey: true })
    await flushPromises()

    const tomorrow = companyDate(addDays(new Date(), 1), 'Asia/Shanghai')
    expect(fake.callsOf('calls.saveIntake').map((c) => c.input)).toEqual([
      {
        id: 501,
        version: 1,
        type: 'consult',
        summary: '询问三室装修报价',
        outcome: '已约周六到店',
        followUpOn: tomorrow,
        details: { type: 'consult', community: '绿地海珀', houseType: null, areaSqm: 98, budgetMinFen: 10_000_000, budgetMaxFen: 20_000_000, style: '新中式' },
        connected: true,
        newCustomerName: '赵先生',
      },
    ])
    // save-and-next: an empty desk, the cursor back in the number box
    expect(field(wrapper, 'desk-number').value).toBe('')
    expect(field(wrapper, 'desk-summary').value).toBe('')
    expect(wrapper.get('[data-test="desk-pop"]').attributes('data-state')).toBe('empty')
    expect(wrapper.find('[data-test="desk-start"]').exists()).toBe(true)
    await flushPromises()
    expect(document.activeElement).toBe(field(wrapper, 'desk-number'))
  })

  it('puts the core’s field errors under their fields and keeps what was typed', async () => {
    const desk = await mountDesk({
      'calls.saveIntake': () => {
        throw new AppError('VALIDATION', '请检查填写的内容', { 'details.description': '投诉内容不能超过2000个字', newCustomerName: '客户姓名不能超过32个字', followUpOn: '下次跟进日期格式无效' })
      },
    })
    const { wrapper, fake, pinia } = desk
    await startCall(desk)
    await wrapper.get('[data-test="desk-type-complaint"]').trigger('click')
    await flushPromises()
    const draft = useCallDeskStore(pinia).draft
    draft.complaintCategory = '工程质量'
    draft.severity = '严重'
    await typeInto(wrapper, 'desk-detail-description', '卫生间漏水到楼下')
    await typeInto(wrapper, 'desk-new-customer-name', '钱女士')
    await wrapper.get('[data-test="desk-save"]').trigger('click')
    await settle()
    expect(fake.callsOf('calls.saveIntake')).toHaveLength(1)
    expect(fake.callsOf('calls.saveIntake')[0].input.details).toEqual({ type: 'complaint', category: '工程质量', severity: '严重', description: '卫生间漏水到楼下', expectation: null })
    expect(errorOf(wrapper, 'description').text()).toBe('投诉内容不能超过2000个字')
    expect(errorOf(wrapper, 'newCustomerName').text()).toBe('客户姓名不能超过32个字')
    expect(errorOf(wrapper, 'followUpOn').text()).toBe('下次跟进日期格式无效')
    expect(field(wrapper, 'desk-detail-description').value).toBe('卫生间漏水到楼下')
    expect(field(wrapper, 'desk-new-customer-name').value).toBe('钱女士')
    expect(field(wrapper, 'desk-number').value).toBe('138 0013 8000')
    // the first field in error has the cursor; editing it takes the complaint away
    expect(document.activeElement).toBe(field(wrapper, 'desk-new-customer-name'))
    await typeInto(wrapper, 'desk-new-customer-name', '钱')
    await settle()
    expect(errorOf(wrapper, 'newCustomerName').exists()).toBe(false)
    expect(errorOf(wrapper, 'description').exists()).toBe(true)
  })

  it('checks a complaint’s required details before asking the core', async () => {
    const desk = await mountDesk()
    const { wrapper, fake } = desk
    await startCall(desk)
    await wrapper.get('[data-test="desk-type-complaint"]').trigger('click')
    await press(field(wrapper, 'desk-summary'), 'Enter', { ctrlKey: true })
    await settle()
    expect(fake.callsOf('calls.saveIntake')).toHaveLength(0)
    expect(errorOf(wrapper, 'complaintCategory').text()).toBe('请选择投诉类别')
    expect(errorOf(wrapper, 'severity').text()).toBe('请选择严重程度')
    expect(errorOf(wrapper, 'description').text()).toBe('请填写投诉内容')
    await typeInto(wrapper, 'desk-detail-description', '墙面开裂')
    await settle()
    expect(errorOf(wrapper, 'description').exists()).toBe(false)
  })

  it('fills a known caller’s needs from their file, and sends their customer id', async () => {
    const desk = await mountDesk({
      'calls.screenPop': () => knownCallerPop(),
      'customers.get': () => ({ id: 42, name: '王芳', community: '翠湖天地', address: '淮海路 1 号', houseType: '三室', areaSqm: 120, budgetMinFen: 20_000_000, budgetMaxFen: 30_000_000, style: null, sourceChannel: null, grade: null, tags: [], notes: null, ownerAgent: null, following: null, referrer: null, lastContactAt: null, phones: [], createdAt: '', updatedAt: '', version: 3 }),
    })
    const { wrapper, fake } = desk
    await startCall(desk, '13912345678')
    expect(field(wrapper, 'desk-detail-community').value).toBe('翠湖天地')
    await press(field(wrapper, 'desk-summary'), 'Enter', { ctrlKey: true })
    await flushPromises()
    const sent = fake.callsOf('calls.saveIntake')[0].input
    expect(sent).toMatchObject({ customerId: 42, details: { type: 'consult', community: '翠湖天地', houseType: '三室', areaSqm: 120, budgetMinFen: 20_000_000, budgetMaxFen: 30_000_000 } })
    expect(sent).not.toHaveProperty('newCustomerName')
  })

  it('retries once with the new version when only the telephony changed the call meanwhile', async () => {
    const desk = await mountDesk({
      'calls.saveIntake': (input, index) => {
        if (index === 0) throw new AppError('CONFLICT', '这条通话记录已被他人修改，请刷新后再保存')
        return callDetail({ id: Number(input.id), version: Number(input.version) + 1, intakeSavedAt: '2025-03-01T02:05:00Z' })
      },
      'calls.get': () => callDetail({ version: 2, status: 'answered', talkSec: 40 }),
    })
    await startCall(desk)
    await press(field(desk.wrapper, 'desk-summary'), 'Enter', { ctrlKey: true })
    await flushPromises()
    expect(desk.fake.callsOf('calls.saveIntake').map((c) => c.input.version)).toEqual([1, 2])
    expect(field(desk.wrapper, 'desk-number').value).toBe('')
  })

  it('asks before Esc throws away what was typed; an untouched desk clears at once', async () => {
    const desk = await mountDesk({}, { confirm: false })
    const { wrapper, asked } = desk
    await typeInto(wrapper, 'desk-number', '138 0013 8000')
    await press(window, 'Escape')
    expect(asked).toEqual([])
    expect(field(wrapper, 'desk-number').value).toBe('')

    await startCall(desk)
    await typeInto(wrapper, 'desk-summary', '询问报价')
    await press(field(wrapper, 'desk-summary'), 'Escape')
    await flushPromises()
    expect(asked).toEqual(['已填写的内容还没有保存，确定清空？'])
    expect(field(wrapper, 'desk-summary').value).toBe('询问报价')
  })

  it('walks the form with Enter', async () => {
    const desk = await mountDesk()
    await startCall(desk)
    const { wrapper } = desk
    expect(document.activeElement).toBe(field(wrapper, 'desk-new-customer-name'))
    await press(document.activeElement as Element, 'Enter')
    expect((document.activeElement as HTMLInputElement).value).toBe('consult')
    await press(document.activeElement as Element, 'Enter')
    expect(document.activeElement).toBe(field(wrapper, 'desk-detail-community'))
  })
})

describe('reply templates beside the form', () => {
  it('filters as the agent types and inserts the reply into the summary at the cursor', async () => {
    const desk = await mountDesk()
    const { wrapper } = desk
    expect(wrapper.findAll('[data-test="desk-template-item"]')).toHaveLength(3)
    await typeInto(wrapper, 'desk-template-search', '质保')
    expect(wrapper.findAll('[data-test="desk-template-item"]').map((i) => i.text())).toEqual([expect.stringContaining('保修政策')])
    await typeInto(wrapper, 'desk-summary', '客户问：')
    const summary = field(wrapper, 'desk-summary')
    summary.focus()
    summary.setSelectionRange(4, 4)
    await wrapper.get('[data-test="desk-template-insert"]').trigger('click')
    await flushPromises()
    expect(summary.value).toBe('客户问：水电隐蔽工程保修五年。')
    expect(document.activeElement).toBe(summary)
  })

  it('F3 goes to the search, Enter inserts the highlighted reply', async () => {
    const desk = await mountDesk()
    const { wrapper } = desk
    await press(window, 'F3')
    await flushPromises()
    const search = field(wrapper, 'desk-template-search')
    expect(document.activeElement).toBe(search)
    await typeInto(wrapper, 'desk-template-search', '售后')
    await press(search, 'ArrowDown')
    await press(search, 'Enter')
    await flushPromises()
    expect(field(wrapper, 'desk-summary').value).toBe('请提供小区和门牌号，维修师傅会在24小时内联系您。')
  })

  it('reloads the templates when the core says they changed', async () => {
    const desk = await mountDesk()
    expect(desk.fake.callsOf('templates.list')).toHaveLength(1)
    desk.fake.emit({ type: 'dataChanged', area: 'templates' })
    await flushPromises()
    expect(desk.fake.callsOf('templates.list')).toHaveLength(2)
  })
})
