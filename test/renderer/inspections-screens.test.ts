import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { companyDate, shiftDate } from '@contract/time'
import type { Inspection } from '@contract/inspections.contract'
import InspectionListView from '@renderer/views/inspections/inspection-list-view.vue'
import { checkInspectionDraft, newInspectionDraft, recordInputOf } from '@renderer/views/inspections/inspection-form'
import { inspectionFiltersFromQuery, queryFromInspectionFilters } from '@renderer/views/inspections/inspection-query'
import { photoRefusalOf } from '@renderer/views/inspections/inspection-photo-rules'
import { click, dialog, fakePhotoFiles, fieldError, fieldInput, inspection, inspectionDue, mountSite, pageOf, photo, rectification, typeInto } from './support/site-fixtures'
import type { FakeHandler } from './support/fake-transport'

const today = companyDate(new Date(), 'Asia/Shanghai')

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

describe('inspection rules', () => {
  it('needs the notice’s items, responsible person and deadline only for 需整改', () => {
    const draft = { ...newInspectionDraft('2026-11-27'), result: 'issues' as const, findings: '防水未到顶', deadlineOn: '' }
    expect(checkInspectionDraft(draft, '2026-11-27')).toEqual({
      'rectification.items': 'itemsRequired',
      'rectification.responsibleId': 'responsibleRequired',
      'rectification.deadlineOn': 'deadlineRequired',
    })
    expect(checkInspectionDraft({ ...draft, result: 'ok' }, '2026-11-27')).toEqual({})
    expect(checkInspectionDraft({ ...draft, result: 'ok', inspectedOn: '2026-11-28' }, '2026-11-27')).toEqual({ inspectedOn: 'dateFuture' })
  })

  it('gives a notice three days and sends none with a 合格 result', () => {
    const draft = newInspectionDraft('2026-11-27')
    expect(draft.deadlineOn).toBe('2026-11-30')
    const ok = recordInputOf(501, { ...draft, result: 'ok', findings: ' 整洁 ', items: '残留', responsibleId: 32 })
    expect(ok).toEqual({ projectId: 501, inspectedOn: '2026-11-27', inspectorId: null, result: 'ok', findings: '整洁', rectification: null })
  })

  it('keeps the tab and the notice filter in the URL, defaults left out', () => {
    expect(inspectionFiltersFromQuery({ tab: 'rectifications', status: 'overdue', page: '2' })).toMatchObject({ tab: 'rectifications', status: 'overdue', page: 2 })
    expect(inspectionFiltersFromQuery({ tab: 'nonsense', status: 'x' })).toMatchObject({ tab: 'due', status: 'open' })
    expect(queryFromInspectionFilters({ tab: 'due', status: 'overdue', page: 1, pageSize: 20 })).toEqual({})
  })

  it('refuses photos that are not JPEG/PNG/WebP or larger than 10 MB before they travel', () => {
    expect(photoRefusalOf({ type: 'image/webp', size: 10 * 1024 * 1024 })).toBeNull()
    expect(photoRefusalOf({ type: 'image/jpeg', size: 10 * 1024 * 1024 + 1 })).toBe('tooLarge')
    expect(photoRefusalOf({ type: 'application/pdf', size: 100 })).toBe('badType')
  })
})

describe('工地巡检 · 待巡检', () => {
  const recorded = (input: Record<string, unknown>): Inspection =>
    inspection({
      id: 62,
      inspectedOn: input.inspectedOn as string,
      result: input.result as Inspection['result'],
      findings: input.findings as string,
      rectification: input.rectification ? rectification({ inspectionId: 62, no: 'ZG20261127-002' }) : null,
    })

  async function openRecordDialog(handlers: Record<string, FakeHandler> = {}) {
    const mounted = await mountSite(InspectionListView, {
      path: '/inspections',
      handlers: {
        'inspections.due': () => pageOf([inspectionDue(), inspectionDue({ project: { id: 502, contractNo: 'HT2026-0502', address: '金地 8-301' }, overdueDays: 0, dueOn: today, openRectifications: 0 })]),
        'inspections.record': recorded,
        ...handlers,
      },
    })
    await click(mounted.wrapper.find('[data-test="inspection-record"]').element)
    return mounted
  }

  it('lists the sites due with their overdue days and opens 登记巡检 for a row', async () => {
    const { wrapper, fake } = await mountSite(InspectionListView, {
      path: '/inspections',
      handlers: { 'inspections.due': () => pageOf([inspectionDue(), inspectionDue({ project: { id: 502, contractNo: 'HT2026-0502', address: '金地 8-301' }, overdueDays: 0, openRectifications: 0 })]) },
    })
    expect(fake.callsOf('inspections.due')[0].input).toEqual({ page: 1, pageSize: 20 })
    const rows = wrapper.findAll('[data-test="inspection-due-table"] .el-table__body-wrapper .el-table__row')
    expect(rows).toHaveLength(2)
    expect(rows[0].classes()).toContain('is-overdue')
    expect(rows[0].get('[data-test="inspection-overdue"]').text()).toBe('逾期 3 天')
    expect(rows[0].text()).toContain('周监理')
    expect(rows[1].find('[data-test="inspection-overdue"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="inspections-total"]').text()).toBe('共 2 条')

    await click(rows[0].get('[data-test="inspection-record"]').element)
    const form = dialog('inspection-record-dialog')
    expect(form.querySelector('[data-test="inspection-record-site"]')?.textContent).toContain('HT2026-0501')
    expect(fieldInput(form, 'inspectedOn').value).toBe(today)
    // the site's supervisor is the inspector unless someone else is picked
    expect(form.querySelector('[data-test="inspection-inspector"]')?.textContent).toContain('周监理')
  })

  it('asks for the rectification notice inline when 需整改 and sends nothing', async () => {
    const { fake } = await openRecordDialog()
    const form = dialog('inspection-record-dialog')
    await click(form.querySelector('[data-test="inspection-result-issues"] input'))
    await typeInto(form.querySelector('textarea[data-test="inspection-findings"]'), '卫生间防水层未刷到顶')
    expect(form.querySelector('[data-test="inspection-notice"]')).not.toBeNull()
    await click(form.querySelector('[data-test="inspection-record-save"]'))
    await vi.waitFor(() => expect(fieldError(form, 'rectification.items')).toBe('需整改时请填写整改事项'))
    // the site has no project manager to put in charge by default
    expect(fieldError(form, 'rectification.responsibleId')).toBe('需整改时请选择整改责任人')
    // three days from today is already there
    expect(fieldInput(form, 'rectification.deadlineOn').value).toBe(shiftDate(today, 3))
    expect(fake.callsOf('inspections.record')).toHaveLength(0)
  })

  it('records 需整改 with its notice, then takes the site photos for it', async () => {
    const photos = fakePhotoFiles()
    const { wrapper, fake } = await mountSite(InspectionListView, {
      path: '/inspections',
      photos,
      handlers: {
        'inspections.due': () => pageOf([inspectionDue({ projectManager: { id: 32, name: '吴项目' } })]),
        'inspections.record': recorded,
      },
    })
    await click(wrapper.find('[data-test="inspection-record"]').element)
    const form = dialog('inspection-record-dialog')
    await click(form.querySelector('[data-test="inspection-result-issues"] input'))
    await typeInto(form.querySelector('textarea[data-test="inspection-findings"]'), '卫生间防水层未刷到顶')
    await typeInto(form.querySelector('textarea[data-test="inspection-items"]'), '防水层刷至 1.8 米')
    await click(form.querySelector('[data-test="inspection-record-save"]'))
    expect(fake.callsOf('inspections.record').map((c) => c.input)).toEqual([
      {
        projectId: 501,
        inspectedOn: today,
        inspectorId: 31,
        result: 'issues',
        findings: '卫生间防水层未刷到顶',
        rectification: { items: '防水层刷至 1.8 米', responsibleId: 32, deadlineOn: shiftDate(today, 3) },
      },
    ])
    expect(form.querySelector('[data-test="inspection-record-done"]')?.textContent).toContain('ZG20261127-002')
    // the list is asked again
    expect(fake.callsOf('inspections.due')).toHaveLength(2)

    const input = form.querySelector<HTMLInputElement>('[data-test="inspection-photo-input"]')!
    const jpeg = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], '卫生间.jpg', { type: 'image/jpeg' })
    const pdf = new File([new Uint8Array([0x25, 0x50])], '说明.pdf', { type: 'application/pdf' })
    Object.defineProperty(input, 'files', { value: [jpeg, pdf], configurable: true })
    input.dispatchEvent(new Event('change'))
    await vi.waitFor(() => expect(form.querySelectorAll('[data-test="inspection-photo"]')).toHaveLength(1))
    expect(photos.uploads).toEqual([{ inspectionId: 62, name: '卫生间.jpg', mime: 'image/jpeg', size: 4 }])
    // its thumbnail comes through the API as well
    await vi.waitFor(() => expect(photos.downloads).toEqual([900]))
  })

  it('shows the server’s field messages where they belong and keeps what was typed', async () => {
    const { fake } = await openRecordDialog({
      'inspections.record': () => {
        throw new AppError('VALIDATION', '巡检日期不能早于开工日期 2026-12-01', { inspectedOn: '巡检日期不能早于开工日期 2026-12-01' })
      },
    })
    const form = dialog('inspection-record-dialog')
    await click(form.querySelector('[data-test="inspection-result-ok"] input'))
    await typeInto(form.querySelector('textarea[data-test="inspection-findings"]'), '水电开槽规范')
    await click(form.querySelector('[data-test="inspection-record-save"]'))
    expect(fake.callsOf('inspections.record')).toHaveLength(1)
    await vi.waitFor(() => expect(fieldError(form, 'inspectedOn')).toBe('巡检日期不能早于开工日期 2026-12-01'))
    expect(form.querySelector<HTMLTextAreaElement>('textarea[data-test="inspection-findings"]')?.value).toBe('水电开槽规范')
    expect(form.querySelector('[data-test="inspection-record-done"]')).toBeNull()
  })

  it('puts a server message about the whole notice under its items', async () => {
    await openRecordDialog({
      'inspections.record': () => {
        throw AppError.field('rectification', '需整改时请填写整改通知：整改事项、责任人和期限')
      },
    })
    const form = dialog('inspection-record-dialog')
    await click(form.querySelector('[data-test="inspection-result-issues"] input'))
    await typeInto(form.querySelector('textarea[data-test="inspection-findings"]'), '防水未到顶')
    await typeInto(form.querySelector('textarea[data-test="inspection-items"]'), '补刷防水')
    // a responsible person picked from the org chart
    const select = form.querySelector('[data-test="inspection-responsible"]')!
    await click(select.querySelector('.el-select__wrapper'))
    const listId = select.querySelector('input')?.getAttribute('aria-controls')
    const option = [...document.getElementById(listId!)!.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((el) => el.textContent?.includes('吴项目'))
    await click(option!)
    await click(form.querySelector('[data-test="inspection-record-save"]'))
    await vi.waitFor(() => expect(fieldError(form, 'rectification.items')).toBe('需整改时请填写整改通知：整改事项、责任人和期限'))
    expect(form.querySelector<HTMLTextAreaElement>('textarea[data-test="inspection-items"]')?.value).toBe('补刷防水')
  })

  it('reloads when the core says inspections or projects changed', async () => {
    const { fake } = await mountSite(InspectionListView, { path: '/inspections', handlers: { 'inspections.due': () => pageOf([inspectionDue()]) } })
    fake.emit({ type: 'dataChanged', area: 'inspections', id: 61 })
    fake.emit({ type: 'dataChanged', area: 'projects', id: 501 })
    fake.emit({ type: 'dataChanged', area: 'tickets', id: 1 })
    await flushPromises()
    expect(fake.callsOf('inspections.due')).toHaveLength(3)
  })
})

describe('工地巡检 · 整改通知', () => {
  const handlers = {
    'inspections.rectifications': () =>
      pageOf([
        rectification({ overdue: true, rechecks: [{ at: '2026-11-28T02:00:00.000Z', by: { id: 7, name: '陈客服' }, passed: false, note: '仍有渗水', newDeadlineOn: '2026-11-30' }] }),
      ]),
    'inspections.recheck': (input: Record<string, unknown>) => rectification({ status: input.passed ? 'passed' : 'open', deadlineOn: (input.newDeadlineOn as string) ?? '2026-11-30', version: 2 }),
  }

  it('reads the tab and the filter from the URL and marks overdue notices', async () => {
    const { wrapper, fake, router } = await mountSite(InspectionListView, { path: '/inspections?tab=rectifications&status=overdue', handlers })
    expect(fake.callsOf('inspections.rectifications')[0].input).toEqual({ status: 'overdue', page: 1, pageSize: 20 })
    expect(fake.callsOf('inspections.due')).toHaveLength(0)
    const row = wrapper.get('[data-test="rectification-table"] .el-table__body-wrapper .el-table__row')
    expect(row.classes()).toContain('is-overdue')
    expect(row.get('[data-test="rectification-overdue"]').text()).toBe('已逾期')
    expect(row.get('[data-test="rectification-rechecks"]').text()).toBe('1 次复查')

    await wrapper.get('[data-test="rectification-status-passed"] input').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ tab: 'rectifications', status: 'passed' })
    expect(fake.callsOf('inspections.rectifications').at(-1)?.input).toEqual({ status: 'passed', page: 1, pageSize: 20 })
  })

  it('asks for a new deadline when the recheck did not pass', async () => {
    const { wrapper, fake } = await mountSite(InspectionListView, { path: '/inspections?tab=rectifications', handlers })
    await click(wrapper.get('[data-test="rectification-recheck"]').element)
    const form = dialog('recheck-dialog')
    await click(form.querySelector('[data-test="recheck-passed-no"] input'))
    await typeInto(form.querySelector('textarea[data-test="recheck-note"]'), '墙角仍有渗水')
    await click(form.querySelector('[data-test="recheck-save"]'))
    await vi.waitFor(() => expect(fieldError(form, 'newDeadlineOn')).toBe('复查不合格时请给出新的整改期限'))
    expect(fake.callsOf('inspections.recheck')).toHaveLength(0)

    await click(form.querySelector('[data-test="quick-in3Days"]'))
    await click(form.querySelector('[data-test="recheck-save"]'))
    const deadline = fake.callsOf('inspections.recheck')[0]?.input.newDeadlineOn as string
    expect(deadline > today).toBe(true)
    expect(fake.callsOf('inspections.recheck').map((c) => c.input)).toEqual([{ id: 71, version: 1, passed: false, note: '墙角仍有渗水', newDeadlineOn: deadline }])
    expect(fake.callsOf('inspections.rectifications')).toHaveLength(2)
  })

  it('closes a passed notice without a deadline', async () => {
    const { wrapper, fake } = await mountSite(InspectionListView, { path: '/inspections?tab=rectifications', handlers })
    await click(wrapper.get('[data-test="rectification-recheck"]').element)
    const form = dialog('recheck-dialog')
    await click(form.querySelector('[data-test="recheck-passed-yes"] input'))
    expect(form.querySelector('[data-test="recheck-deadline"]')).toBeNull()
    await typeInto(form.querySelector('textarea[data-test="recheck-note"]'), '闭水试验合格')
    await click(form.querySelector('[data-test="recheck-save"]'))
    expect(fake.callsOf('inspections.recheck').map((c) => c.input)).toEqual([{ id: 71, version: 1, passed: true, note: '闭水试验合格', newDeadlineOn: null }])
  })
})

describe('工地巡检 · 巡检记录', () => {
  it('opens an inspection beside the list with its findings, photos and notice', async () => {
    const photos = fakePhotoFiles()
    const full = inspection({ result: 'issues', findings: '卫生间防水层未刷到顶', photos: [photo(5), photo(6)], rectification: rectification() })
    const { wrapper, fake, router } = await mountSite(InspectionListView, {
      path: '/inspections?tab=records',
      photos,
      handlers: { 'inspections.list': () => pageOf([full]), 'inspections.get': () => full },
    })
    expect(fake.callsOf('inspections.list')[0].input).toEqual({ page: 1, pageSize: 20 })
    await wrapper.get('[data-test="inspection-record-table"] .el-table__body-wrapper .el-table__row td').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ tab: 'records', inspection: '61' })
    expect(fake.callsOf('inspections.get')[0].input).toEqual({ id: 61 })
    // opening the drawer asks for no new list
    expect(fake.callsOf('inspections.list')).toHaveLength(1)
    const drawer = dialog('inspection-detail')
    expect(drawer.querySelector('[data-test="inspection-detail-findings"]')?.textContent).toBe('卫生间防水层未刷到顶')
    expect(drawer.querySelector('[data-test="inspection-detail-notice"]')?.textContent).toContain('ZG20261127-001')
    await vi.waitFor(() => expect(drawer.querySelectorAll('[data-test="inspection-photo"] img')).toHaveLength(2))
    expect(photos.downloads.sort()).toEqual([5, 6])
  })
})
