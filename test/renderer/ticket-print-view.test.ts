import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { RouterView } from 'vue-router'
import { AppError } from '@contract/errors'
import { createAppI18n } from '@renderer/i18n'
import TicketPrintView from '@renderer/views/print/ticket-print-view.vue'
import { ticketFormOf, type TicketForm } from '@renderer/views/print/ticket-form'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'
import { complaintDetail, repairDetail } from './support/ticket-admin-fixtures'

const { t } = createAppI18n('zh-CN').global
const translate = (key: string, named?: Record<string, unknown>) => (named ? t(key, named) : t(key))
const formOf = (ticket = complaintDetail()) => ticketFormOf({ ticket, companyName: '申城装饰', timeZone: 'Asia/Shanghai', t: translate, now: new Date('2026-11-29T06:00:00Z') })
const cell = (form: TicketForm, label: string) => form.rows.flat().find((c) => c.label === label)?.value

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('客户投诉联系单 (the form model)', () => {
  it('fills the grid in the company time zone, with the handling log as rows', () => {
    const form = formOf()
    expect(form.title).toBe('客户投诉联系单')
    expect(form.acceptedAt).toBe('2026-11-27 09:05')
    expect(cell(form, '客户姓名')).toBe('王芳')
    expect(cell(form, '小区地址')).toBe('翠湖天地 3栋 1202')
    expect(cell(form, '投诉类别')).toBe('工程质量')
    expect(cell(form, '来源')).toBe('来电')
    expect(cell(form, '限期解决')).toBe('2026-11-29 09:05')
    // 23:40 UTC is the next morning in Shanghai
    expect(cell(form, '回应时间')).toBe('2026-11-28 07:40')
    expect(cell(form, '完成时间')).toBe('2026-11-28 16:00')
    expect(cell(form, '受理客服')).toBe('陈客服')
    expect(form.log.map((l) => l.what)).toEqual(['受理登记（待受理）', '派单（已派单）：请三天内上门', '记录回应（处理中）：已约客户明早上门', '处理完成（待回访）：重做防水层', '结案（已结案）'])
    expect(form.log[2]).toMatchObject({ at: '2026-11-28 07:40', by: '陈客服（代张工记录）' })
    expect(form.result.value).toBe('重做防水层，闭水试验48小时合格')
    expect(form.satisfaction.filter((o) => o.checked).map((o) => o.label)).toEqual(['满意'])
    expect(form.comment).toBe('师傅很负责')
    expect(form.rating).toBeNull()
    // a closed ticket needs no lines to write on
    expect(form.blankLogLines).toBe(0)
    expect(form.signatures).toEqual(['责任部门负责人签字', '客服专员'])
    expect(form.printedAt).toBe('打印时间：2026-11-29 14:00')
  })

  it('names escalations and repeats, and leaves the verdict empty until the customer gave one', () => {
    const form = formOf(
      complaintDetail({
        state: 'inProgress',
        satisfaction: null,
        callbacks: [],
        result: null,
        repeatOf: { id: 3, no: 'TS20261101-004' },
        escalationLevel: 2,
        log: [{ id: 9, at: '2026-11-29T01:05:00.000Z', action: 'escalate', from: null, to: null, note: null, by: null, onBehalfOf: null, data: { level: 1, deadline: 'resolution' } }],
      }),
    )
    expect(cell(form, '备注')).toBe('重复投诉（前次 TS20261101-004）；已上报至客服经理')
    expect(form.log).toEqual([{ at: '2026-11-29 09:05', what: '逐级上报：已上报至部门负责人', by: '系统' }])
    expect(form.satisfaction.some((o) => o.checked)).toBe(false)
    expect(form.result.value).toBe('')
    expect(form.blankLogLines).toBe(3)
  })
})

describe('客户维修受理单 (the form model)', () => {
  it('carries the repair item, warranty, worker and visit, and asks for a rating', () => {
    const form = formOf(repairDetail())
    expect(form.title).toBe('客户维修受理单')
    expect(cell(form, '报修项目')).toBe('防水')
    expect(cell(form, '维修地址')).toBe('翠湖天地 3栋 1202 阳台')
    expect(cell(form, '保修状态')).toBe('保修期内（保修 5 年，至 2030-06-30）')
    expect(cell(form, '小区地址')).toBeUndefined()
    expect(cell(form, '故障描述')).toBe('阳台地漏返水')
    expect(cell(form, '维修工')).toBe('李师傅')
    expect(cell(form, '上门时间')).toBe('2026-11-28 10:00')
    expect(form.result.label).toBe('维修结果')
    expect(form.rating).toEqual({ stars: '', text: '' })
    expect(form.signatures).toContain('客户确认签字')
  })

  it('prints the rating of the satisfaction callback', () => {
    const done = complaintDetail().callbacks[0]
    const form = formOf(repairDetail({ state: 'closed', callbacks: [{ ...done, result: 'fair', rating: 4 }] }))
    expect(form.rating).toEqual({ stars: '★★★★☆', text: '4 分' })
    expect(form.satisfaction.find((o) => o.checked)?.label).toBe('基本满意')
  })
})

describe('the print page', () => {
  const host = { render: () => h(RouterView) }
  const routes = [{ path: '/print/tickets/:id', component: TicketPrintView, props: true }]

  it('loads the ticket and the company, then flags itself ready for the PDF', async () => {
    const { wrapper, fake } = await mountScreen(host, {
      routes,
      initialPath: '/print/tickets/7',
      handlers: { 'tickets.get': () => complaintDetail(), 'settings.get': () => ({ ...settings, companyName: '申城装饰工程有限公司' }) },
    })
    expect(fake.callsOf('tickets.get').map((c) => c.input)).toEqual([{ id: 7 }])
    const root = wrapper.get('[data-test="ticket-print"]')
    expect(root.attributes('data-ready')).toBe('true')
    expect(wrapper.get('[data-test="form-company"]').text()).toBe('申城装饰工程有限公司')
    expect(wrapper.get('[data-test="form-title"]').text()).toBe('客户投诉联系单')
    expect(wrapper.get('[data-test="form-no"]').text()).toBe('TS20261127-001')
    expect(wrapper.get('[data-test="form-accepted"]').text()).toBe('2026-11-27 09:05')
    expect(wrapper.findAll('[data-test="form-log-line"]')).toHaveLength(5)
    expect(wrapper.get('td[data-label="投诉内容"]').text()).toContain('楼下邻居反映天花板有水渍')
    expect(wrapper.get('[data-test="form-satisfaction"] .checked').text()).toBe('满意')
    expect(document.title).toBe('TS20261127-001 客户投诉联系单')

    // happy-dom has no print dialog to open
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true })
    await wrapper.get('[data-test="ticket-print-button"]').trigger('click')
    expect(print).toHaveBeenCalledOnce()
  })

  it('says why when the ticket cannot be shown, and flags the error so a PDF job stops waiting', async () => {
    const { wrapper } = await mountScreen(host, {
      routes,
      initialPath: '/print/tickets/99',
      handlers: {
        'tickets.get': () => {
          throw new AppError('NOT_FOUND', '工单不存在')
        },
        'settings.get': () => settings,
      },
    })
    expect(wrapper.get('[data-test="ticket-print"]').attributes('data-ready')).toBe('error')
    expect(wrapper.get('[data-test="ticket-print-error"]').text()).toContain('工单不存在')
    expect(wrapper.find('[data-test="ticket-form"]').exists()).toBe(false)
  })
})
