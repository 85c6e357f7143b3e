import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { monthOf } from '@renderer/period'
import { sleep } from './support/mount-helpers'
import { customerDetail, customerListItem, depositDetail, depositItem, designerStat, mountAs, optionsOf, pageOf, pickOption, projectDetail, q, today, typeInto, useBrowserElementToString } from './support/project-fixtures'

useBrowserElementToString()

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

const listed = () => pageOf([depositItem(), depositItem({ id: 12, customer: { id: 43, name: '李强' }, ageDays: 3, nextFollowUpOn: null, followUps: 0, lastFollowUpAt: null })])

describe('定金待签 list', () => {
  it('asks for the URL’s filters, flags clients pending past the alert, and writes a new tab, designer and search to the URL', async () => {
    const { fake, router, wrapper } = await mountAs('agent', '/deposits?designer=31&minAge=14', { 'deposits.list': listed })
    expect(fake.callsOf('deposits.list').at(-1)?.input).toEqual({ status: 'pending', designerId: 31, minAgeDays: 14, page: 1, pageSize: 20 })
    const rows = wrapper.findAll('.el-table__body-wrapper .el-table__row')
    expect(rows).toHaveLength(2)
    // 20 days ≥ the 14-day alert (settings.depositAlertDays); 3 days is not
    expect(rows[0].find('[data-test="deposit-age-alert"]').text()).toBe('20 天')
    expect(rows[1].find('[data-test="deposit-age-alert"]').exists()).toBe(false)
    expect(rows[0].get('[data-test="deposit-customer"]').attributes('href')).toContain('/customers/42')
    expect(rows[0].text()).toContain('¥5,000.00')
    expect(rows[0].text()).toContain('139 1234 5678')

    const lostTab = wrapper.findAll('[data-test="deposit-status"] .el-tabs__item').find((tab) => tab.text() === '已流失')!
    await lostTab.trigger('click')
    await flushPromises()
    // 待签天数 only means something on the pending tab: it leaves the URL and the request
    expect(router.currentRoute.value.query).toEqual({ status: 'lost', designer: '31' })
    expect(fake.callsOf('deposits.list').at(-1)?.input).toEqual({ status: 'lost', designerId: 31, page: 1, pageSize: 20 })

    await pickOption(wrapper.get('[data-test="deposit-filter-designer"]').element, '周设计')
    expect(router.currentRoute.value.query).toEqual({ status: 'lost', designer: '32' })
    // a designer who left is not offered for new work
    expect(optionsOf(wrapper.get('[data-test="deposit-filter-designer"]').element).find('老设计')).toBeUndefined()

    await wrapper.get('input[data-test="deposit-filter-q"]').setValue('王芳')
    await sleep(350)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ status: 'lost', designer: '32', q: '王芳' })
    expect(fake.callsOf('deposits.list').at(-1)?.input).toEqual({ status: 'lost', designerId: 32, q: '王芳', page: 1, pageSize: 20 })

    await wrapper.get('[data-test="deposit-filter-reset"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ status: 'lost' })
  })

  it('lists again when the core says deposits changed', async () => {
    const { fake } = await mountAs('agent', '/deposits', { 'deposits.list': listed })
    const before = fake.callsOf('deposits.list').length
    fake.emit({ type: 'dataChanged', area: 'deposits', id: 11 })
    await flushPromises()
    expect(fake.callsOf('deposits.list')).toHaveLength(before + 1)
    fake.emit({ type: 'dataChanged', area: 'tickets', id: 11 })
    await flushPromises()
    expect(fake.callsOf('deposits.list')).toHaveLength(before + 1)
  })
})

describe('登记定金', () => {
  it('sends the amount typed in yuan as integer fen, and keeps what was typed when the core refuses a field', async () => {
    let attempts = 0
    const { fake } = await mountAs('agent', '/deposits', {
      'deposits.list': listed,
      'customers.search': () => pageOf([customerListItem(42, '王芳')]),
      'deposits.get': () => depositDetail({ id: 15, amountFen: 500050 }),
      'deposits.register': () => {
        attempts++
        if (attempts === 1) throw new AppError('VALIDATION', '定金信息有误', { amountFen: '定金金额超过公司规定的上限' })
        return depositDetail({ id: 15, amountFen: 500050 })
      },
    })
    q('[data-test="deposit-register"]')!.click()
    await flushPromises()
    const dialog = q('[data-test="deposit-register-dialog"]')!

    // nothing chosen: nothing is sent, the fields say what is missing
    q('[data-test="deposit-register-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('deposits.register')).toHaveLength(0)
    await vi.waitFor(() => expect(dialog.querySelector('[data-field="designerId"] .el-form-item__error')?.textContent).toContain('请选择设计师'))

    const picker = dialog.querySelector('[data-test="ticket-customer"]')!
    await typeInto(picker.querySelector('input'), '王')
    await sleep(350)
    await flushPromises()
    optionsOf(picker).find('王芳')!.click()
    await flushPromises()
    await pickOption(dialog.querySelector('[data-test="deposit-designer"]')!, '林设计')
    await typeInto(dialog.querySelector('[data-test="deposit-amount"] input'), '5000.5')

    q('[data-test="deposit-register-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('deposits.register')[0].input).toEqual({ customerId: 42, designerId: 31, consultantId: null, amountFen: 500050, paidOn: today(), note: null })
    await vi.waitFor(() => expect(dialog.querySelector('[data-field="amountYuan"] .el-form-item__error')?.textContent).toContain('定金金额超过公司规定的上限'))
    // still open, still holding what was typed
    expect(dialog.closest('.el-overlay')?.getAttribute('style') ?? '').not.toContain('display: none')
    expect(dialog.querySelector<HTMLInputElement>('[data-test="deposit-amount"] input')!.value).toBe('5000.50')
    expect(dialog.querySelector('[data-test="ticket-customer"]')!.textContent).toContain('王芳')

    q('[data-test="deposit-register-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('deposits.register')).toHaveLength(2)
    // the new deposit opens beside the list
    expect(fake.callsOf('deposits.get').at(-1)?.input).toEqual({ id: 15 })
  })
})

describe('签约 from a deposit', () => {
  it('opens the contract dialog with the customer, designer and deposit filled in, and sends the deposit with the contract', async () => {
    const signedDeposit = depositDetail({ status: 'signed', project: { id: 5, contractNo: 'HT2026-0005' }, version: 4 })
    let signed = false
    const { fake } = await mountAs('agent', '/deposits', {
      'deposits.list': listed,
      'deposits.get': () => (signed ? signedDeposit : depositDetail()),
      'customers.get': () => customerDetail(42, '王芳'),
      'projects.create': () => {
        signed = true
        return projectDetail()
      },
    })
    q('.el-table__body-wrapper .el-table__row')!.click()
    await flushPromises()
    expect(fake.callsOf('deposits.get')[0].input).toEqual({ id: 11 })
    expect(q('[data-test="deposit-follow-up-log"]')?.textContent).toContain('约了周末再看方案')

    q('[data-test="deposit-sign"]')!.click()
    await flushPromises()
    const dialog = q('[data-test="contract-dialog"]')!
    expect(dialog.closest('.el-dialog')?.textContent).toContain('签约：王芳')
    expect(dialog.querySelector('[data-test="contract-customer-fixed"]')?.textContent).toBe('王芳')
    expect(dialog.querySelector('[data-test="contract-designer"]')?.textContent).toContain('林设计')
    expect(dialog.querySelector('[data-test="contract-deposit"]')?.textContent).toContain('¥5,000.00')
    // the site is at the customer's address unless typed otherwise
    expect(dialog.querySelector<HTMLInputElement>('input[data-test="contract-address"]')!.value).toBe('翠湖天地 3栋 1202')

    await typeInto(dialog.querySelector('input[data-test="contract-no"]'), 'HT2026-0005')
    await typeInto(dialog.querySelector('[data-test="contract-amount"] input'), '200000')
    await typeInto(dialog.querySelector('[data-test="contract-payment-first"] input'), '60000')
    await typeInto(dialog.querySelector('[data-test="contract-payment-midterm"] input'), '100000')
    await typeInto(dialog.querySelector('[data-test="contract-payment-final"] input'), '40000')
    q('[data-test="contract-save"]')!.click()
    await flushPromises()

    expect(fake.callsOf('projects.create')[0].input).toEqual({
      customerId: 42,
      depositId: 11,
      contractNo: 'HT2026-0005',
      address: '翠湖天地 3栋 1202',
      designerId: 31,
      projectManagerId: null,
      supervisorId: null,
      crewId: null,
      agentId: null,
      amountFen: 20000000,
      signedOn: today(),
      planned: { start: null, material: null, midterm: null, completion: null },
      payments: { first: 6000000, midterm: 10000000, final: 4000000 },
      note: null,
    })
    // the deposit now shows as signed, with its contract
    await vi.waitFor(() => expect(q('[data-test="deposit-drawer-status"]')?.textContent).toBe('已签约'))
    expect(q('[data-test="deposit-drawer-project"]')?.textContent).toBe('HT2026-0005')
    expect(q('[data-test="deposit-sign"]')).toBeNull()
  })

  it('records a follow-up with the next date, and offers nothing to do once the deposit is lost', async () => {
    let lost = false
    const { fake } = await mountAs('agent', '/deposits', {
      'deposits.list': listed,
      'deposits.get': () => (lost ? depositDetail({ status: 'lost', outcomeOn: '2026-11-28', lostReason: '选择了其他公司', version: 5 }) : depositDetail()),
      'deposits.followUp': (input) => depositDetail({ version: 4, followUpLog: [...depositDetail().followUpLog, { id: 3, at: '2026-11-28T02:00:00.000Z', by: { id: 7, name: '陈客服' }, note: String(input.note), nextOn: null }] }),
    })
    q('.el-table__body-wrapper .el-table__row')!.click()
    await flushPromises()
    q('[data-test="deposit-follow-up-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('deposits.followUp')).toHaveLength(0)
    await typeInto(q('textarea[data-test="deposit-follow-up-note"]'), '客户说下周定')
    q<HTMLElement>('[data-test="deposit-follow-up-next"] [data-test="quick-tomorrow"]')!.click()
    await flushPromises()
    q('[data-test="deposit-follow-up-save"]')!.click()
    await flushPromises()
    const sent = fake.callsOf('deposits.followUp')[0].input
    expect(sent).toMatchObject({ id: 11, version: 3, note: '客户说下周定' })
    expect(sent.nextOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(q('[data-test="deposit-follow-up-log"]')?.textContent).toContain('客户说下周定')
    expect(q<HTMLTextAreaElement>('textarea[data-test="deposit-follow-up-note"]')!.value).toBe('')

    // someone marks the client lost elsewhere: the open drawer shows it, with nothing left to do
    lost = true
    fake.emit({ type: 'dataChanged', area: 'deposits', id: 11 })
    await flushPromises()
    expect(q('[data-test="deposit-drawer-status"]')?.textContent).toBe('已流失')
    expect(q('[data-test="deposit-drawer"]')?.textContent).toContain('选择了其他公司')
    expect(q('[data-test="deposit-actions"]')).toBeNull()
    expect(q('[data-test="deposit-follow-up"]')).toBeNull()
  })
})

describe('设计师统计', () => {
  it('asks for this month by default, shows the rates and says how they are counted', async () => {
    const { fake, router, wrapper } = await mountAs('manager', '/deposits?tab=stats', {
      'deposits.list': listed,
      'deposits.designerStats': () => [designerStat(), designerStat({ designer: { id: 32, name: '周设计' }, consultations: 0, visits: 0, measures: 0, deposits: 0, signed: 0, lost: 0, conversion: null, depositRate: null })],
    })
    expect(fake.callsOf('deposits.designerStats').at(-1)?.input).toEqual(monthOf(today()))
    expect(fake.callsOf('deposits.list')).toHaveLength(0)
    const table = wrapper.get('[data-test="designer-stats-table"]')
    const headers = table.findAll('thead th').map((th) => th.text())
    expect(headers).toEqual(['设计师', '谈单量', '到店', '量房', '定金数', '签约数', '流失', '达成率', '定金率'])
    const rows = table.findAll('.el-table__body-wrapper .el-table__row')
    expect(rows[0].text()).toContain('25.0%')
    expect(rows[0].text()).toContain('50.0%')
    expect(rows[1].text()).toContain('—')
    // the 合计 line: rates over the sums
    expect(table.get('.el-table__footer-wrapper').text()).toContain('合计')
    expect(wrapper.get('[data-test="designer-stats-definitions"]').text()).toContain('达成率 = 签约数 ÷ 谈单量')

    await wrapper.get('[data-test="designer-stats-lastMonth"]').trigger('click')
    await flushPromises()
    const lastMonth = monthOf(today(), -1)
    expect(router.currentRoute.value.query).toEqual({ tab: 'stats', ...lastMonth })
    expect(fake.callsOf('deposits.designerStats').at(-1)?.input).toEqual(lastMonth)
  })
})
