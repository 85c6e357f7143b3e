import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import type { ProjectDetail } from '@contract/projects.contract'
import { sleep } from './support/mount-helpers'
import { customerDetail, customerListItem, mountAs, pageOf, pickOption, projectDetail, projectItem, q, today, typeInto, useBrowserElementToString } from './support/project-fixtures'

useBrowserElementToString()

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

const listed = () => pageOf([projectItem({ status: 'building', owedFen: 6000000 }), projectItem({ id: 6, contractNo: 'HT2026-0006', nextMilestone: null, status: 'warranty' })])
const buttons = (selector: string) => [...document.querySelectorAll(selector)].map((b) => b.getAttribute('data-test'))

describe('工地管理 list', () => {
  it('asks for the URL’s filters (我跟进的 is the logged-in agent) and writes a new tab or filter to the URL', async () => {
    const { fake, router, wrapper } = await mountAs('agent', '/projects?status=building&pm=41&mine=1', { 'projects.list': listed })
    expect(fake.callsOf('projects.list').at(-1)?.input).toEqual({ status: 'building', projectManagerId: 41, agentId: 7, page: 1, pageSize: 20 })
    const tabs = wrapper.findAll('[data-test="project-status-tabs"] .el-tabs__item').map((tab) => tab.text())
    expect(tabs).toEqual(['全部', '待开工', '施工中', '停工', '已竣工', '保修中', '保修期满', '已取消'])
    const rows = wrapper.findAll('.el-table__body-wrapper .el-table__row')
    expect(rows[0].text()).toContain('HT2026-0005')
    expect(rows[0].text()).toContain('开工')
    expect(rows[0].text()).toContain('计划 2026-11-05')
    expect(rows[0].get('[data-test="project-owed"]').text()).toBe('¥60,000.00')
    expect(rows[0].get('[data-test="project-status"]').text()).toBe('施工中')

    await wrapper.findAll('[data-test="project-status-tabs"] .el-tabs__item').find((tab) => tab.text() === '停工')!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ status: 'stopped', pm: '41', mine: '1' })
    expect(fake.callsOf('projects.list').at(-1)?.input).toEqual({ status: 'stopped', projectManagerId: 41, agentId: 7, page: 1, pageSize: 20 })

    await wrapper.get('[data-test="project-filter-mine"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ status: 'stopped', pm: '41' })
    expect(fake.callsOf('projects.list').at(-1)?.input).toEqual({ status: 'stopped', projectManagerId: 41, page: 1, pageSize: 20 })

    await pickOption(wrapper.get('[data-test="project-filter-designer"]').element, '林设计')
    await wrapper.get('input[data-test="project-filter-q"]').setValue('翠湖')
    await sleep(350)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ status: 'stopped', pm: '41', designer: '31', q: '翠湖' })
    expect(fake.callsOf('projects.list').at(-1)?.input).toEqual({ status: 'stopped', designerId: 31, projectManagerId: 41, q: '翠湖', page: 1, pageSize: 20 })

    await wrapper.findAll('[data-test="project-status-tabs"] .el-tabs__item').find((tab) => tab.text() === '全部')!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ pm: '41', designer: '31', q: '翠湖' })
  })

  it('lists again when the core says projects changed, and opens a site beside the list keeping the filters', async () => {
    const { fake, router } = await mountAs('agent', '/projects?status=building', { 'projects.list': listed, 'projects.get': () => projectDetail() })
    const before = fake.callsOf('projects.list').length
    fake.emit({ type: 'dataChanged', area: 'projects', id: 5 })
    await flushPromises()
    expect(fake.callsOf('projects.list')).toHaveLength(before + 1)

    q('.el-table__body-wrapper .el-table__row')!.click()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/projects/5?status=building')
    expect(fake.callsOf('projects.get')[0].input).toEqual({ id: 5 })
    expect(q('[data-test="project-detail-no"]')?.textContent).toBe('HT2026-0005')
  })
})

describe('新建合同', () => {
  it('flags a payment plan over the contract amount before sending, and shows the core’s field error keeping what was typed', async () => {
    let attempts = 0
    const { fake } = await mountAs('agent', '/projects', {
      'projects.list': listed,
      'customers.search': () => pageOf([customerListItem(42, '王芳')]),
      'customers.get': () => customerDetail(42, '王芳'),
      'projects.get': () => projectDetail({ id: 9 }),
      'projects.create': () => {
        attempts++
        if (attempts === 1) throw new AppError('VALIDATION', '合同信息有误', { contractNo: '合同编号 HT2026-0009 已存在' })
        return projectDetail({ id: 9 })
      },
    })
    q('[data-test="project-create"]')!.click()
    await flushPromises()
    const dialog = q('[data-test="contract-dialog"]')!
    const picker = dialog.querySelector('[data-test="ticket-customer"]')!
    await typeInto(picker.querySelector('input'), '王')
    await sleep(350)
    await flushPromises()
    document.querySelector<HTMLElement>(`#${picker.querySelector('input')!.getAttribute('aria-controls')} .el-select-dropdown__item`)!.click()
    await flushPromises()
    await vi.waitFor(() => expect(dialog.querySelector<HTMLInputElement>('input[data-test="contract-address"]')!.value).toBe('翠湖天地 3栋 1202'))

    await typeInto(dialog.querySelector('input[data-test="contract-no"]'), 'HT2026-0009')
    await typeInto(dialog.querySelector('[data-test="contract-amount"] input'), '100000')
    await pickOption(dialog.querySelector('[data-test="contract-designer"]')!, '林设计')
    await pickOption(dialog.querySelector('[data-test="contract-agent"]')!, '刘客服')
    await typeInto(dialog.querySelector('[data-test="contract-payment-first"] input'), '40000')
    await typeInto(dialog.querySelector('[data-test="contract-payment-midterm"] input'), '40000')
    await typeInto(dialog.querySelector('[data-test="contract-payment-final"] input'), '30000')

    // the total is checked as it is typed, and nothing goes to the core while it is over
    const check = dialog.querySelector('[data-test="contract-payment-check"]')!
    expect(check.getAttribute('data-over')).toBe('true')
    expect(check.textContent).toContain('付款计划合计 ¥110,000.00 超过合同金额 ¥100,000.00')
    q('[data-test="contract-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.create')).toHaveLength(0)

    await typeInto(dialog.querySelector('[data-test="contract-payment-final"] input'), '20000')
    expect(check.getAttribute('data-over')).toBe('false')
    expect(check.textContent).toContain('三期合计 ¥100,000.00')
    q('[data-test="contract-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.create')[0].input).toMatchObject({
      customerId: 42,
      depositId: null,
      contractNo: 'HT2026-0009',
      designerId: 31,
      agentId: 8,
      amountFen: 10000000,
      signedOn: today(),
      payments: { first: 4000000, midterm: 4000000, final: 2000000 },
    })
    await vi.waitFor(() => expect(dialog.querySelector('[data-field="contractNo"] .el-form-item__error')?.textContent).toContain('合同编号 HT2026-0009 已存在'))
    expect(dialog.querySelector<HTMLInputElement>('input[data-test="contract-no"]')!.value).toBe('HT2026-0009')
    expect(dialog.querySelector<HTMLInputElement>('[data-test="contract-payment-final"] input')!.value).toBe('20000.00')

    await typeInto(dialog.querySelector('input[data-test="contract-no"]'), 'HT2026-0010')
    q('[data-test="contract-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.create')[1].input).toMatchObject({ contractNo: 'HT2026-0010' })
  })
})

describe('a site’s detail', () => {
  function completed(): ProjectDetail {
    const base = projectDetail()
    return {
      ...base,
      status: 'completed',
      milestones: {
        start: { plannedOn: '2026-11-05', actualOn: '2026-11-10' },
        material: { plannedOn: '2026-11-20', actualOn: '2026-11-18' },
        midterm: { plannedOn: '2026-12-20', actualOn: '2026-11-25' },
        completion: { plannedOn: '2027-02-01', actualOn: '2026-11-27' },
      },
      nextMilestone: null,
      payments: base.payments.map((p) => (p.stage === 'final' ? p : { ...p, paidOn: '2026-11-26' })),
    }
  }

  it('offers 登记 only where the core accepts it, and only the steps that fit the status', async () => {
    let current: ProjectDetail = projectDetail()
    const { fake } = await mountAs('agent', '/projects/5', {
      'projects.list': listed,
      'projects.get': () => current,
      'projects.recordMilestone': (input) => {
        current = projectDetail({ version: 5, milestones: { ...current.milestones, material: { plannedOn: '2026-11-20', actualOn: String(input.on) } } })
        return current
      },
    })
    // building, start recorded: materials is next (the main button); a site may skip it, so the later ones are offered too
    expect(buttons('[data-test^="milestone-record-"]')).toEqual(['milestone-record-material', 'milestone-record-midterm', 'milestone-record-completion'])
    expect(q('[data-test="milestone-record-material"]')?.classList).toContain('el-button--primary')
    expect(q('[data-test="milestone-record-midterm"]')?.classList).not.toContain('el-button--primary')
    expect(buttons('[data-test^="milestone-correct-"]')).toEqual(['milestone-correct-start'])
    expect(buttons('[data-test="project-actions"] [data-test^="project-action-"]')).toEqual(['project-action-stop', 'project-action-cancel'])
    expect(q('[data-test="project-edit"]')).not.toBeNull()
    // the first payment is in; the others can still be recorded
    expect(buttons('[data-test^="payment-record-"]')).toEqual(['payment-record-midterm', 'payment-record-final'])
    expect(q('[data-test="project-callbacks"]')?.textContent).toContain('施工期回访')

    q('[data-test="milestone-record-material"]')!.click()
    await flushPromises()
    expect(q('[data-test="project-action-dialog"]')?.closest('.el-dialog')?.textContent).toContain('登记材料进场')
    q('[data-test="project-action-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.recordMilestone')[0].input).toEqual({ id: 5, version: 4, milestone: 'material', on: today(), note: null })
    expect(buttons('[data-test^="milestone-record-"]')).toEqual(['milestone-record-midterm', 'milestone-record-completion'])

    // stopped: resume first, nothing to record meanwhile
    current = projectDetail({ status: 'stopped', stops: [{ id: 1, fromOn: '2026-11-20', toOn: null, reason: '业主出差' }] })
    fake.emit({ type: 'dataChanged', area: 'projects', id: 5 })
    await flushPromises()
    expect(buttons('[data-test^="milestone-record-"]')).toEqual([])
    expect(q('[data-test="project-milestones"]')?.textContent).toContain('停工中，复工后登记')
    expect(buttons('[data-test="project-actions"] [data-test^="project-action-"]')).toEqual(['project-action-resume', 'project-action-cancel'])
    expect(q('[data-test="project-stops"]')?.textContent).toContain('业主出差')

    // completed, final payment not in: to finance for settlement; no more cancelling
    current = completed()
    fake.emit({ type: 'dataChanged', area: 'projects', id: 5 })
    await flushPromises()
    expect(buttons('[data-test^="milestone-record-"]')).toEqual([])
    expect(buttons('[data-test^="milestone-correct-"]')).toHaveLength(4)
    expect(buttons('[data-test="project-actions"] [data-test^="project-action-"]')).toEqual(['project-action-settle'])
    expect(buttons('[data-test^="payment-record-"]')).toEqual(['payment-record-final'])

    // cancelled: nothing left to do
    current = projectDetail({ status: 'cancelled', cancelledOn: '2026-11-20', cancelReason: '客户退单' })
    fake.emit({ type: 'dataChanged', area: 'projects', id: 5 })
    await flushPromises()
    expect(q('[data-test="project-actions"]')).toBeNull()
    expect(buttons('[data-test^="milestone-record-"]')).toEqual([])
    expect(buttons('[data-test^="milestone-correct-"]')).toEqual([])
    expect(buttons('[data-test^="payment-record-"]')).toEqual([])
    expect(q('[data-test="project-detail"]')?.textContent).toContain('客户退单')
  })

  it('asks a reason to stop work, and after a version conflict keeps it and sends again on the new version', async () => {
    let current = projectDetail()
    const { fake } = await mountAs('agent', '/projects/5', {
      'projects.list': listed,
      'projects.get': () => current,
      'projects.stop': (input) => {
        if (input.version !== current.version) throw new AppError('CONFLICT', '工地已被修改')
        return projectDetail({ status: 'stopped', version: current.version + 1 })
      },
    })
    q('[data-test="project-action-stop"]')!.click()
    await flushPromises()
    q('[data-test="project-action-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.stop')).toHaveLength(0)
    await vi.waitFor(() => expect(q('[data-field="text"] .el-form-item__error')?.textContent).toContain('请填写停工原因'))

    // someone records a payment meanwhile
    current = projectDetail({ version: 6 })
    await typeInto(q('textarea[data-test="project-action-text"]'), '业主出差两周')
    q('[data-test="project-action-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.stop')[0].input).toEqual({ id: 5, version: 4, on: today(), reason: '业主出差两周' })
    expect(q('[data-test="project-action-conflict"]')).not.toBeNull()
    expect(q<HTMLTextAreaElement>('textarea[data-test="project-action-text"]')!.value).toBe('业主出差两周')

    q('[data-test="project-action-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.stop')[1].input).toMatchObject({ version: 6, reason: '业主出差两周' })
    expect(q('[data-test="project-detail-status"]')?.textContent).toBe('停工')
  })
})
