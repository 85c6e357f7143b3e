import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { h } from 'vue'
import { createMemoryHistory, RouterView } from 'vue-router'
import { createApiClient } from '@contract/app-api'
import { AppError } from '@contract/errors'
import { API_KEY, createRendererApi } from '@renderer/api-context'
import { createAppI18n } from '@renderer/i18n'
import { createAppRouter } from '@renderer/router'
import RectificationPrintView from '@renderer/views/print/rectification-print-view.vue'
import { fitLevel, NOTICE_LEVELS, NOTICE_PAGE_HEIGHT_PX, rectificationNoticeOf, unbrokenDates, type RectificationNoticeForm } from '@renderer/views/print/rectification-notice'
import { rectificationPrintRoute } from '@renderer/views/print/use-print-notice'
import RectificationTable from '@renderer/views/inspections/rectification-table.vue'
import InspectionListView from '@renderer/views/inspections/inspection-list-view.vue'
import { createFakeTransport } from './support/fake-transport'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'
import { click, dialog, inspection, mountSite, pageOf, rectification } from './support/site-fixtures'

const { t } = createAppI18n('zh-CN').global
const translate = (key: string, named?: Record<string, unknown>) => (named ? t(key, named) : t(key))

/** An inspection that found problems, its notice rechecked once and not passed. */
function noticeInspection() {
  return inspection({
    result: 'issues',
    findings: '卫生间防水层未刷到顶；\n强电箱未加盖板',
    rectification: rectification({
      items: '1. 防水层刷至顶面 1.8 米\n2. 强电箱加装盖板',
      deadlineOn: '2026-12-02',
      rechecks: [{ at: '2026-11-30T02:00:00.000Z', by: { id: 31, name: '周监理' }, passed: false, note: '墙角仍有渗水', newDeadlineOn: '2026-12-02' }],
    }),
  })
}

const formOf = (full = noticeInspection()): RectificationNoticeForm =>
  rectificationNoticeOf({ inspection: { ...full, rectification: full.rectification! }, companyName: '申城装饰', timeZone: 'Asia/Shanghai', t: translate, now: new Date('2026-11-30T06:00:00Z') })
const cell = (form: RectificationNoticeForm, label: string) => form.rows.flat().find((c) => c.label === label)?.value

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('整改通知书 (the form model)', () => {
  it('names the site, the customer, the person to act, what was found, what to fix and by when', () => {
    const form = formOf()
    expect(form).toMatchObject({ company: '申城装饰', title: '整改通知书', no: 'ZG20261127-001', date: '2026-11-27', to: '吴项目' })
    expect(form.intro).toBe('经 2026-11-27 工地巡检，该工地存在下列问题，请于 2026-12-02 前按要求整改完毕，并通知监理复查。逾期未整改或复查不合格的，按公司工程管理规定处理。')
    expect(cell(form, '合同编号')).toBe('HT2026-0501')
    expect(cell(form, '客户姓名')).toBe('王芳')
    expect(cell(form, '工地地址')).toBe('翠湖天地 3栋 1202')
    expect(cell(form, '巡检日期')).toBe('2026-11-27')
    expect(cell(form, '巡检人')).toBe('周监理')
    expect(cell(form, '巡检情况')).toBe('卫生间防水层未刷到顶；\n强电箱未加盖板')
    expect(cell(form, '整改事项')).toBe('1. 防水层刷至顶面 1.8 米\n2. 强电箱加装盖板')
    expect(cell(form, '整改责任人')).toBe('吴项目')
    expect(cell(form, '整改期限')).toBe('2026-12-02')
    // written in by hand
    expect(cell(form, '整改完成情况')).toBe('')
    // 02:00 UTC is 10:00 in Shanghai
    expect(cell(form, '复查意见')).toBe('2026-11-30 10:00 周监理 复查不合格：墙角仍有渗水，整改期限延至 2026-12-02')
    expect(form.signatures).toEqual(['项目经理签收', '监理', '客服部'])
    expect(form.copies).toBe('本通知书一式三份，项目经理、监理、客服部各执一份')
    expect(form.printedAt).toBe('打印时间：2026-11-30 14:00')
  })

  it('leaves the recheck box empty before any recheck and says when a passed notice was closed', () => {
    const open = noticeInspection()
    expect(cell(formOf({ ...open, inspector: null, rectification: rectification() }), '复查意见')).toBe('')
    expect(cell(formOf({ ...open, inspector: null, rectification: rectification() }), '巡检人')).toBe('')
    const passed = formOf({
      ...open,
      rectification: rectification({
        status: 'passed',
        closedOn: '2026-12-01',
        rechecks: [{ at: '2026-12-01T01:30:00.000Z', by: { id: 31, name: '周监理' }, passed: true, note: '闭水试验合格', newDeadlineOn: null }],
      }),
    })
    expect(cell(passed, '复查意见')).toBe('2026-12-01 09:30 周监理 复查合格：闭水试验合格\n2026-12-01 复查合格，整改通知关闭。')
  })
})

describe('one A4 page', () => {
  it('keeps the normal type when the content fits, and steps down until it does', async () => {
    expect(await fitLevel(async () => 900)).toBe(0)
    const heights = [1400, 1200, 1000, 900]
    const tried: number[] = []
    const level = await fitLevel(async (l) => {
      tried.push(l)
      return heights[l] ?? 800
    })
    expect(level).toBe(2)
    expect(tried).toEqual([0, 1, 2])
    // nothing fits: the smallest is the best there is
    expect(await fitLevel(async () => 5000)).toBe(NOTICE_LEVELS.length - 1)
    // smaller and smaller, and the boxes written in by hand never lower than the text boxes
    for (let l = 1; l < NOTICE_LEVELS.length; l++) {
      expect(NOTICE_LEVELS[l].fontPt).toBeLessThan(NOTICE_LEVELS[l - 1].fontPt)
      expect(NOTICE_LEVELS[l].writeMm).toBeGreaterThanOrEqual(NOTICE_LEVELS[l].tallMm)
    }
    // A4 less 12 mm top and bottom at 96 dpi
    expect(Math.round(NOTICE_PAGE_HEIGHT_PX)).toBe(1032)
  })
})

describe('dates on the form', () => {
  it('are kept whole, so that a line never ends in "2026-"', () => {
    expect(unbrokenDates('2026-11-30 10:00 周监理 复查不合格，整改期限延至 2026-12-02')).toEqual([
      { text: '2026-11-30 10:00', keep: true },
      { text: ' 周监理 复查不合格，整改期限延至 ', keep: false },
      { text: '2026-12-02', keep: true },
    ])
    expect(unbrokenDates('墙面开裂')).toEqual([{ text: '墙面开裂', keep: false }])
    expect(unbrokenDates('')).toEqual([])
  })
})

describe('the print page', () => {
  const host = { render: () => h(RouterView) }
  const routes = [{ path: '/print/inspections/:id/notice', component: RectificationPrintView, props: true }]

  it('reads the inspection, fills in every field, then flags itself ready for the PDF', async () => {
    const { wrapper, fake } = await mountScreen(host, {
      routes,
      initialPath: '/print/inspections/61/notice',
      handlers: { 'inspections.get': () => noticeInspection(), 'settings.get': () => ({ ...settings, companyName: '申城装饰工程有限公司' }) },
    })
    expect(fake.callsOf('inspections.get').map((c) => c.input)).toEqual([{ id: 61 }])
    expect(wrapper.get('[data-test="notice-print"]').attributes('data-ready')).toBe('true')
    const sheet = wrapper.get('[data-test="notice-form"]')
    expect(wrapper.findAll('[data-test="notice-form"]')).toHaveLength(1)
    expect(sheet.attributes('data-level')).toBe('0')
    expect(wrapper.get('[data-test="notice-company"]').text()).toBe('申城装饰工程有限公司')
    expect(wrapper.get('[data-test="notice-title"]').text()).toBe('整改通知书')
    expect(wrapper.get('[data-test="notice-no"]').text()).toBe('ZG20261127-001')
    expect(wrapper.get('[data-test="notice-date"]').text()).toBe('2026-11-27')
    expect(wrapper.get('[data-test="notice-to"]').text()).toBe('吴项目')
    expect(wrapper.get('[data-test="notice-intro"]').text()).toContain('请于 2026-12-02 前按要求整改完毕')
    const value = (label: string) => wrapper.get(`td[data-label="${label}"]`).text()
    expect(value('合同编号')).toBe('HT2026-0501')
    expect(value('客户姓名')).toBe('王芳')
    expect(value('工地地址')).toBe('翠湖天地 3栋 1202')
    expect(value('巡检日期')).toBe('2026-11-27')
    expect(value('巡检人')).toBe('周监理')
    expect(value('巡检情况')).toContain('强电箱未加盖板')
    expect(value('整改事项')).toContain('2. 强电箱加装盖板')
    expect(value('整改责任人')).toBe('吴项目')
    expect(value('整改期限')).toBe('2026-12-02')
    expect(value('整改完成情况')).toBe('')
    expect(value('复查意见')).toBe('2026-11-30 10:00 周监理 复查不合格：墙角仍有渗水，整改期限延至 2026-12-02')
    expect(wrapper.findAll('td[data-label="复查意见"] .nobr').map((d) => d.text())).toEqual(['2026-11-30 10:00', '2026-12-02'])
    expect(wrapper.get('[data-test="notice-signatures"]').text()).toMatch(/项目经理签收：.*监理：.*客服部：/)
    expect(wrapper.findAll('[data-test="notice-signatures"] .sign-row')).toHaveLength(3)
    expect(wrapper.get('[data-test="notice-foot"]').text()).toContain('本通知书一式三份')
    expect(document.title).toBe('ZG20261127-001 整改通知书')

    // happy-dom has no print dialog to open
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true })
    await wrapper.get('[data-test="notice-print-button"]').trigger('click')
    expect(print).toHaveBeenCalledOnce()
  })

  it('reads the other notice when only the id in the address changes', async () => {
    const { wrapper, fake, router } = await mountScreen(host, {
      routes,
      initialPath: '/print/inspections/61/notice',
      handlers: {
        'inspections.get': (input) => (input.id === 61 ? noticeInspection() : inspection({ id: 64, rectification: rectification({ no: 'ZG20261128-002', inspectionId: 64 }) })),
        'settings.get': () => settings,
      },
    })
    await router.push('/print/inspections/64/notice')
    await flushPromises()
    expect(fake.callsOf('inspections.get').map((c) => c.input)).toEqual([{ id: 61 }, { id: 64 }])
    expect(wrapper.get('[data-test="notice-no"]').text()).toBe('ZG20261128-002')
    expect(wrapper.get('[data-test="notice-print"]').attributes('data-ready')).toBe('true')
  })

  it('shrinks the type of a long notice until it fits on the page before saying it is ready', async () => {
    // happy-dom lays nothing out: the content is as tall as this says for each level
    const heights = [1500, 1200, 1100, 1000]
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
      const level = this.classList.contains('body') ? this.closest('[data-level]')?.getAttribute('data-level') : null
      return level ? (heights[Number(level)] ?? 900) : 0
    })
    const long = noticeInspection()
    const { wrapper } = await mountScreen(host, {
      routes,
      initialPath: '/print/inspections/61/notice',
      handlers: { 'inspections.get': () => ({ ...long, findings: '墙面开裂。'.repeat(300) }), 'settings.get': () => settings },
    })
    expect(wrapper.get('[data-test="notice-print"]').attributes('data-ready')).toBe('true')
    const sheet = wrapper.get('[data-test="notice-form"]')
    expect(sheet.attributes('data-level')).toBe('3')
    expect(sheet.attributes('style')).toContain(`--fs: ${NOTICE_LEVELS[3].fontPt}pt`)
  })

  it('says why when there is no notice to print, and flags the error so a PDF job stops waiting', async () => {
    const { wrapper } = await mountScreen(host, {
      routes,
      initialPath: '/print/inspections/62/notice',
      handlers: { 'inspections.get': () => inspection({ id: 62 }), 'settings.get': () => settings },
    })
    expect(wrapper.get('[data-test="notice-print"]').attributes('data-ready')).toBe('error')
    expect(wrapper.get('[data-test="notice-print-error"]').text()).toBe('整改通知书无法加载：这次巡检没有发出整改通知')
    expect(wrapper.find('[data-test="notice-form"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="notice-print-button"]').attributes('disabled')).toBeDefined()

    const missing = await mountScreen(host, {
      routes,
      initialPath: '/print/inspections/99/notice',
      handlers: {
        'inspections.get': () => {
          throw new AppError('NOT_FOUND', '巡检记录不存在')
        },
        'settings.get': () => settings,
      },
    })
    expect(missing.wrapper.get('[data-test="notice-print"]').attributes('data-ready')).toBe('error')
    expect(missing.wrapper.get('[data-test="notice-print-error"]').text()).toContain('巡检记录不存在')
  })

  it('is an app route for readers of sites', () => {
    const router = createAppRouter(createPinia(), createMemoryHistory())
    const resolved = router.resolve('/print/inspections/61/notice')
    expect(resolved.name).toBe('rectification-print')
    expect(resolved.params).toEqual({ id: '61' })
    expect(resolved.meta.permission).toBe('projects.read')
    expect(router.resolve('/print/inspections/abc/notice').name).not.toBe('rectification-print')
    expect(rectificationPrintRoute(61)).toBe('/print/inspections/61/notice')
  })
})

describe('打印整改通知书 buttons', () => {
  it('in browser mode opens the notice in its own window, from a row of 整改通知 and from the inspection drawer', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    const full = inspection({ result: 'issues', rectification: rectification() })
    const { wrapper } = await mountSite(InspectionListView, {
      path: '/inspections?tab=rectifications',
      handlers: { 'inspections.rectifications': () => pageOf([rectification({ status: 'passed', closedOn: '2026-11-29' })]), 'inspections.get': () => full },
    })
    const row = wrapper.get('[data-test="rectification-table"] .el-table__body-wrapper .el-table__row')
    // a passed notice has nothing left to recheck, but still prints
    expect(row.find('[data-test="rectification-recheck"]').exists()).toBe(false)
    await click(row.get('[data-test="rectification-print"]').element)
    expect(open).toHaveBeenLastCalledWith(expect.stringMatching(/#\/print\/inspections\/61\/notice$/), '_blank')

    await click(row.get('[data-test="rectification-inspection"]').element)
    await vi.waitFor(() => expect(dialog('inspection-detail').querySelector('[data-test="inspection-detail-print"]')).not.toBeNull())
    const button = dialog('inspection-detail').querySelector('[data-test="inspection-detail-print"]')
    expect(button?.textContent?.trim()).toBe('打印整改通知书')
    await click(button)
    expect(open).toHaveBeenCalledTimes(2)
    expect(open.mock.calls[1][0]).toMatch(/#\/print\/inspections\/61\/notice$/)
  })

  it('in Electron saves the notice as PDF under its number', async () => {
    const printToPdf = vi.fn(async () => true)
    const fake = createFakeTransport({})
    const api = createRendererApi(createApiClient({ ...fake.transport, printToPdf }))
    const host = document.createElement('div')
    document.body.appendChild(host)
    const wrapper = mount(RectificationTable, {
      attachTo: host,
      props: { rows: [rectification({ id: 72, no: 'ZG20261128-002', inspectionId: 64 })], loading: false, canWrite: true, timeZone: 'Asia/Shanghai' },
      global: { plugins: [createPinia(), createAppI18n('zh-CN'), ElementPlus], provide: { [API_KEY as symbol]: api } },
    })
    await flushPromises()
    const open = vi.spyOn(window, 'open')
    const print = wrapper.get('[data-test="rectification-print"]')
    expect(print.attributes('aria-label')).toBe('打印整改通知书')
    await print.trigger('click')
    await flushPromises()
    expect(printToPdf).toHaveBeenCalledWith({ route: '/print/inspections/64/notice', fileName: '整改通知书-ZG20261128-002.pdf' })
    expect(open).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(document.body.textContent).toContain('整改通知书已保存为 PDF'))
  })
})
