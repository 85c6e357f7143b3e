import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { FileTransport } from '@contract/app-api'
import { AppError } from '@contract/errors'
import { companyDate, shiftMonths, weekStartOf } from '@contract/time'
import { optionsOf, pickOption, useBrowserElementToString } from './support/project-fixtures'
import { mountReportsAs, serviceMonthly } from './support/report-fixtures'
import { defaultPeriodOf, periodEndOf, reportChoiceFromQuery, reportKindsFor, reportPrintRoute } from '@renderer/views/reports/report-period'
import { createAppRouter } from '@renderer/router'
import { createPinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'

beforeAll(useBrowserElementToString)

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
  vi.restoreAllMocks()
})

const today = (): string => companyDate(new Date(), 'Asia/Shanghai')

/** The select's options as its dropdown (kept in <body>) lists them. */
const optionTexts = (select: Element): string[] => optionsOf(select).all().map((item) => item.textContent?.trim() ?? '')

const textsOf = (row: Element): string[] => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')

describe('报表', () => {
  it('builds the bookmarked report and shows each section with its cells in the one text form', async () => {
    const { wrapper, fake } = await mountReportsAs('agent', '/reports?kind=serviceMonthly&on=2026-11-15', { 'reports.build': () => serviceMonthly() })
    // any day of the month stands for the month
    expect(fake.callsOf('reports.build').map((c) => c.input)).toEqual([{ kind: 'serviceMonthly', on: '2026-11-01' }])
    expect(wrapper.get('[data-test="report-title"]').text()).toBe('客服月报表')
    expect(wrapper.get('[data-test="report-company"]').text()).toBe('单位：申城装饰')
    expect(wrapper.get('[data-test="report-period-label"]').text()).toBe('统计周期：2026年11月')
    // 01:30 UTC is 09:30 in Shanghai
    expect(wrapper.get('[data-test="report-generated-at"]').text()).toBe('生成时间：2026-12-01 09:30')

    const calls = wrapper.get('[data-test="report-section-calls"]')
    expect(calls.find('.rd-panel-title').text()).toBe('来电情况')
    expect(calls.findAll('thead th').map((th) => th.text())).toEqual(['客服', '呼入', '接通率', '平均通话（秒）', '平均评分', '定金'])
    const rows = calls.findAll('.el-table__body-wrapper .el-table__row').map((row) => row.element)
    expect(rows.map(textsOf)).toEqual([
      ['陈客服', '312', '93.8%', '155', '4.50', '¥12,345.67'],
      ['刘客服', '0', '—', '—', '—', '¥0.00'],
    ])
    // numbers right-aligned, text left
    const firstRow = [...rows[0].querySelectorAll('td')]
    expect(firstRow.map((td) => td.classList.contains('is-right'))).toEqual([false, true, true, true, true, true])
    expect(calls.get('[data-test="report-section-note"]').text()).toBe('接通率 = 呼入接通 ÷ 呼入已结束')

    const complaints = wrapper.get('[data-test="report-section-complaints"]')
    expect(complaints.text()).toContain('本期没有数据')
    expect(complaints.find('[data-test="report-section-note"]').exists()).toBe(false)
  })

  it('生成 puts the report in the URL (this week for a weekly one, last month for a monthly one) and builds it', async () => {
    const { wrapper, fake, router } = await mountReportsAs('agent', '/reports', { 'reports.build': (input) => serviceMonthly({ kind: input.kind as 'serviceWeekly' }) })
    expect(fake.callsOf('reports.build')).toHaveLength(0)
    expect(wrapper.find('[data-test="report-empty"]').exists()).toBe(true)
    // nothing to export or print before a report is shown
    expect(wrapper.get('[data-test="report-export"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-test="report-pdf"]').attributes('disabled')).toBeDefined()

    const monday = weekStartOf(today())
    await wrapper.get('[data-test="report-build"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ kind: 'serviceWeekly', on: monday })
    expect(fake.callsOf('reports.build').map((c) => c.input)).toEqual([{ kind: 'serviceWeekly', on: monday }])
    expect(wrapper.get('[data-test="report-week-range"]').text()).toContain(monday)
    expect(wrapper.get('[data-test="report-export"]').attributes('disabled')).toBeUndefined()

    // 生成 again with the same choice builds afresh (the numbers may have moved)
    await wrapper.get('[data-test="report-build"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('reports.build')).toHaveLength(2)

    await pickOption(wrapper.get('[data-test="report-kind"]').element, '客服月报表')
    // a monthly report is picked by month
    expect(wrapper.find('.el-date-editor--month').exists()).toBe(true)
    expect(wrapper.find('[data-test="report-week-range"]').exists()).toBe(false)
    await wrapper.get('[data-test="report-build"]').trigger('click')
    await flushPromises()
    const lastMonth = `${shiftMonths(today(), -1).slice(0, 8)}01`
    expect(router.currentRoute.value.query).toEqual({ kind: 'serviceMonthly', on: lastMonth })
    expect(fake.callsOf('reports.build').at(-1)?.input).toEqual({ kind: 'serviceMonthly', on: lastMonth })
  })

  it('offers the 月业绩考核表 only to whoever assesses', async () => {
    const agent = await mountReportsAs('agent', '/reports?kind=performanceMonthly&on=2026-11-01', { 'reports.build': () => serviceMonthly() })
    const agentKinds = agent.wrapper.get('[data-test="report-kind"]').element
    agentKinds.querySelector<HTMLElement>('.el-select__wrapper')!.click()
    await flushPromises()
    expect(optionTexts(agentKinds)).toEqual(['客服服务部周报表', '每周客户回访情况汇报', '客服月报表', '工程月报表'])
    // a bookmark to it builds nothing for an agent
    expect(agent.fake.callsOf('reports.build')).toHaveLength(0)
    agent.wrapper.unmount()
    document.body.innerHTML = ''

    const manager = await mountReportsAs('manager', '/reports?kind=performanceMonthly&on=2026-11-01', { 'reports.build': () => serviceMonthly({ kind: 'performanceMonthly', title: '月业绩考核表' }) })
    const managerKinds = manager.wrapper.get('[data-test="report-kind"]').element
    managerKinds.querySelector<HTMLElement>('.el-select__wrapper')!.click()
    await flushPromises()
    expect(optionTexts(managerKinds)).toContain('月业绩考核表')
    expect(manager.fake.callsOf('reports.build').map((c) => c.input)).toEqual([{ kind: 'performanceMonthly', on: '2026-11-01' }])
    expect(manager.wrapper.get('[data-test="report-title"]').text()).toBe('月业绩考核表')
  })

  it('导出 Excel: exportXlsx, then the bytes by downloadExport, saved as a download; progress from my own events meanwhile', async () => {
    let finish!: () => void
    const built = new Promise<void>((resolve) => (finish = resolve))
    const downloads: number[] = []
    const files: Partial<FileTransport> = {
      downloadExport: async ({ exportId }) => {
        downloads.push(exportId)
        return { ok: true, value: { name: '客服月报表-2026年11月.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: new Uint8Array([80, 75, 3, 4]) } }
      },
    }
    const { wrapper, fake } = await mountReportsAs(
      'agent',
      '/reports?kind=serviceMonthly&on=2026-11-01',
      {
        'reports.build': () => serviceMonthly(),
        'reports.exportXlsx': async () => {
          await built
          return { exportId: 42, fileName: '客服月报表-2026年11月.xlsx', size: 4 }
        },
      },
      { files },
    )
    const createUrl = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report')
    const saved: { href: string; download: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download })
    })

    await wrapper.get('[data-test="report-export"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('reports.exportXlsx').map((c) => c.input)).toEqual([{ kind: 'serviceMonthly', on: '2026-11-01' }])
    const progress = () => wrapper.find('[data-test="report-export-progress"]')
    expect(progress().exists()).toBe(true)
    expect(progress().text()).toContain('正在导出…')
    // the page stays usable; only the buttons wait for the export
    expect(wrapper.get('[data-test="report-export"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-test="report-build"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-test="report-section-calls"]').exists()).toBe(true)

    fake.emit({ type: 'progress', staffId: 7, task: 'report-export', done: 2, total: 4, label: '来电情况' })
    // someone else's export and other tasks are not mine
    fake.emit({ type: 'progress', staffId: 8, task: 'report-export', done: 4, total: 4, label: '别人的' })
    fake.emit({ type: 'progress', staffId: 7, task: 'other', done: 1, total: 10, label: '别的任务' })
    await flushPromises()
    expect(progress().find('.el-progress__text').text()).toBe('50%')
    expect(progress().text()).toContain('正在导出：来电情况')

    finish()
    await flushPromises()
    expect(downloads).toEqual([42])
    expect(createUrl).toHaveBeenCalledTimes(1)
    const blob = createUrl.mock.calls[0][0] as Blob
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(blob.size).toBe(4)
    expect(saved).toEqual([{ href: 'blob:report', download: '客服月报表-2026年11月.xlsx' }])
    expect(progress().exists()).toBe(false)
    expect(wrapper.get('[data-test="report-export"]').attributes('disabled')).toBeUndefined()
    expect(document.body.textContent).toContain('已导出 客服月报表-2026年11月.xlsx')
  })

  it('says why an export failed and gives the buttons back', async () => {
    const { wrapper } = await mountReportsAs('agent', '/reports?kind=serviceMonthly&on=2026-11-01', {
      'reports.build': () => serviceMonthly(),
      'reports.exportXlsx': () => {
        throw new AppError('FORBIDDEN', '没有权限导出该报表')
      },
    })
    await wrapper.get('[data-test="report-export"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('没有权限导出该报表')
    expect(wrapper.find('[data-test="report-export-progress"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="report-export"]').attributes('disabled')).toBeUndefined()
  })

  it('打印 / 导出 PDF: Electron saves the print route as PDF; a browser opens the print page', async () => {
    const printed: { route: string; fileName: string }[] = []
    const electron = await mountReportsAs('agent', '/reports?kind=serviceMonthly&on=2026-11-01', { 'reports.build': () => serviceMonthly() }, {
      printToPdf: async (request) => {
        printed.push(request)
        return true
      },
    })
    await electron.wrapper.get('[data-test="report-pdf"]').trigger('click')
    await flushPromises()
    expect(printed).toEqual([{ route: '/print/reports/serviceMonthly/2026-11-01', fileName: '客服月报表-2026年11月.pdf' }])
    electron.wrapper.unmount()
    document.body.innerHTML = ''

    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const browser = await mountReportsAs('agent', '/reports?kind=serviceMonthly&on=2026-11-01', { 'reports.build': () => serviceMonthly() })
    await browser.wrapper.get('[data-test="report-pdf"]').trigger('click')
    await flushPromises()
    expect(open).toHaveBeenCalledTimes(1)
    expect(String(open.mock.calls[0][0])).toMatch(/#\/print\/reports\/serviceMonthly\/2026-11-01$/)
    expect(open.mock.calls[0][1]).toBe('_blank')
  })
})

describe('报表 print page', () => {
  it('prints the report from ?on= in plain ruled tables, portrait when it fits', async () => {
    const { wrapper, fake } = await mountReportsAs('agent', '/print/reports/serviceMonthly?on=2026-11-15', { 'reports.build': () => serviceMonthly() })
    expect(fake.callsOf('reports.build').map((c) => c.input)).toEqual([{ kind: 'serviceMonthly', on: '2026-11-15' }])
    await vi.waitFor(() => expect(wrapper.get('[data-test="report-print"]').attributes('data-ready')).toBe('true'))
    const sheet = wrapper.get('[data-test="report-sheet"]')
    expect(sheet.attributes('data-orientation')).toBe('portrait')
    expect(sheet.text()).toContain('申城装饰')
    expect(sheet.text()).toContain('生成时间：2026-12-01 09:30')
    const rows = sheet.findAll('[data-test="report-sheet-section-calls"] tbody tr').map((row) => row.element)
    expect(rows.map(textsOf)).toEqual([
      ['陈客服', '312', '93.8%', '155', '4.50', '¥12,345.67'],
      ['刘客服', '0', '—', '—', '—', '¥0.00'],
    ])
    expect(sheet.get('[data-test="report-sheet-section-complaints"]').text()).toContain('本期没有数据')
  })

  it('turns a wide report landscape, and says when it cannot be built', async () => {
    const wide = serviceMonthly()
    wide.sections[0].columns.push({ key: 'a', label: 'A', format: 'int' }, { key: 'b', label: 'B', format: 'int' })
    const { wrapper } = await mountReportsAs('agent', '/print/reports/serviceMonthly/2026-11-01', { 'reports.build': () => wide })
    await vi.waitFor(() => expect(wrapper.get('[data-test="report-print"]').attributes('data-ready')).toBe('true'))
    expect(wrapper.get('[data-test="report-sheet"]').attributes('data-orientation')).toBe('landscape')
    wrapper.unmount()
    document.body.innerHTML = ''

    const refused = await mountReportsAs('agent', '/print/reports/performanceMonthly/2026-11-01', {
      'reports.build': () => {
        throw new AppError('FORBIDDEN', '没有权限查看月业绩考核表')
      },
    })
    await vi.waitFor(() => expect(refused.wrapper.get('[data-test="report-print"]').attributes('data-ready')).toBe('error'))
    expect(refused.wrapper.get('[data-test="report-print-error"]').text()).toBe('报表未能生成：没有权限查看月业绩考核表')
  })
})

describe('report periods', () => {
  it('reads any day of the URL as its week or month, and only the kinds this user may open', () => {
    const all = reportKindsFor(true)
    expect(reportChoiceFromQuery({ kind: 'serviceWeekly', on: '2026-11-26' }, all)).toEqual({ kind: 'serviceWeekly', on: '2026-11-23' })
    expect(reportChoiceFromQuery({ kind: 'projectMonthly', on: '2026-02-28' }, all)).toEqual({ kind: 'projectMonthly', on: '2026-02-01' })
    expect(reportChoiceFromQuery({ kind: 'performanceMonthly', on: '2026-11-01' }, reportKindsFor(false))).toBeNull()
    expect(reportChoiceFromQuery({ kind: 'serviceWeekly', on: 'someday' }, all)).toBeNull()
    expect(periodEndOf('serviceWeekly', '2026-11-23')).toBe('2026-11-29')
    expect(periodEndOf('serviceMonthly', '2026-02-01')).toBe('2026-02-28')
    // the weekly report is for the week under way, a monthly one for the month just over
    expect(defaultPeriodOf('callbackWeekly', '2026-12-03')).toBe('2026-11-30')
    expect(defaultPeriodOf('serviceMonthly', '2026-12-03')).toBe('2026-11-01')
    expect(defaultPeriodOf('serviceMonthly', '2026-03-31')).toBe('2026-02-01')
  })
})

describe('the report print route', () => {
  it('takes the date as a path segment (Electron’s printer) or as ?on=, and only a report kind', () => {
    const router = createAppRouter(createPinia(), createMemoryHistory())
    const path = router.resolve(reportPrintRoute({ kind: 'serviceMonthly', on: '2026-11-01' }))
    expect([path.name, path.params]).toEqual(['report-print', { kind: 'serviceMonthly', on: '2026-11-01' }])
    expect(path.meta.permission).toBe('reports.read')
    const query = router.resolve('/print/reports/callbackWeekly?on=2026-11-26')
    expect([query.name, query.params.kind, query.query.on]).toEqual(['report-print', 'callbackWeekly', '2026-11-26'])
    expect(router.resolve('/print/reports/everything/2026-11-01').name).not.toBe('report-print')
  })
})
