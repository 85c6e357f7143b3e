import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { shiftDate, weekStartOf } from '@contract/time'
import { movedWeek, weekOf, weeklyFiltersFromQuery } from '@renderer/views/projects/weekly-week'
import { mountAs, pageOf, projectDetail, projectItem, q, today, useBrowserElementToString, weeklyCounts } from './support/project-fixtures'

useBrowserElementToString()

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

describe('weeks (Monday to Sunday)', () => {
  it('reads any day in the URL as its week, and leaves this week out of the URL', () => {
    expect(weeklyFiltersFromQuery({ week: '2026-11-26', list: 'dueFinal' })).toEqual({ week: '2026-11-23', list: 'dueFinal', page: 1, pageSize: 20 })
    expect(weeklyFiltersFromQuery({ week: 'someday', list: 'everything' })).toEqual({ week: '', list: '', page: 1, pageSize: 20 })
    expect(weekOf({ week: '' }, '2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' })
    expect(movedWeek('2026-11-23', -1, '2026-11-29')).toBe('2026-11-16')
    expect(movedWeek('2026-11-16', 1, '2026-11-29')).toBe('')
  })
})

describe('每周统计', () => {
  const monday = () => weekStartOf(today())

  it('counts this week, lists the sites behind a clicked card, and moves a week back with the list', async () => {
    const { fake, router, wrapper } = await mountAs('agent', '/weekly', {
      'projects.weeklyCounts': (input) => weeklyCounts(String(input.weekOf)),
      'projects.list': () => pageOf([projectItem({ status: 'completed', owedFen: 4000000 }), projectItem({ id: 6, contractNo: 'HT2026-0006', status: 'completed' })]),
    })
    expect(fake.callsOf('projects.weeklyCounts')).toHaveLength(1)
    expect(fake.callsOf('projects.weeklyCounts')[0].input).toEqual({ weekOf: monday() })
    expect(wrapper.get('[data-test="weekly-range"]').text()).toBe(`${monday()} 至 ${shiftDate(monday(), 6)}`)
    const cards = wrapper.findAll('[data-test^="weekly-card-"]')
    expect(cards.map((card) => card.find('.label').text())).toEqual(['在施工地', '应交中期款', '应交尾款', '待交财务结算', '本周竣工'])
    expect(cards.map((card) => card.get('[data-test="weekly-count"]').text())).toEqual(['12', '3', '2', '1', '4'])
    // nothing listed until a card is picked
    expect(fake.callsOf('projects.list')).toHaveLength(0)
    expect(wrapper.find('[data-test="weekly-pick-hint"]').exists()).toBe(true)

    await wrapper.get('[data-test="weekly-card-dueFinal"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ list: 'dueFinal' })
    expect(fake.callsOf('projects.list').at(-1)?.input).toEqual({ weekly: 'dueFinal', weekOf: monday(), page: 1, pageSize: 20 })
    expect(wrapper.get('[data-test="weekly-list-title"]').text()).toBe('应交尾款（2）')
    expect(wrapper.findAll('.el-table__body-wrapper .el-table__row')).toHaveLength(2)
    // the list's page does not count the week again
    expect(fake.callsOf('projects.weeklyCounts')).toHaveLength(1)

    await wrapper.get('[data-test="weekly-previous"]').trigger('click')
    await flushPromises()
    const previous = shiftDate(monday(), -7)
    expect(router.currentRoute.value.query).toEqual({ week: previous, list: 'dueFinal' })
    expect(fake.callsOf('projects.weeklyCounts').at(-1)?.input).toEqual({ weekOf: previous })
    expect(fake.callsOf('projects.list').at(-1)?.input).toEqual({ weekly: 'dueFinal', weekOf: previous, page: 1, pageSize: 20 })

    await wrapper.get('[data-test="weekly-next"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ list: 'dueFinal' })

    // the core says a site changed: the counts and the list are asked again
    const counted = fake.callsOf('projects.weeklyCounts').length
    fake.emit({ type: 'dataChanged', area: 'projects', id: 5 })
    await flushPromises()
    expect(fake.callsOf('projects.weeklyCounts')).toHaveLength(counted + 1)
  })

  it('hands a completed site to finance from the 待交财务结算 list', async () => {
    let settled = false
    const { fake, wrapper } = await mountAs('agent', '/weekly?list=toSettle', {
      'projects.weeklyCounts': (input) => weeklyCounts(String(input.weekOf), { toSettle: settled ? 0 : 1 }),
      'projects.list': () => (settled ? pageOf([]) : pageOf([projectItem({ id: 8, contractNo: 'HT2026-0008', status: 'completed', version: 9 })])),
      'projects.markSettlementSent': () => {
        settled = true
        return projectDetail({ id: 8, contractNo: 'HT2026-0008', settlementSentOn: today() })
      },
    })
    expect(fake.callsOf('projects.list').at(-1)?.input).toEqual({ weekly: 'toSettle', weekOf: monday(), page: 1, pageSize: 20 })
    await wrapper.get('[data-test="weekly-settle-8"]').trigger('click')
    await flushPromises()
    expect(q('[data-test="project-action-dialog"]')?.closest('.el-dialog')?.textContent).toContain('交财务结算 · HT2026-0008')
    q('[data-test="project-action-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('projects.markSettlementSent')[0].input).toEqual({ id: 8, version: 9, on: today() })
    expect(wrapper.get('[data-test="weekly-card-toSettle"] [data-test="weekly-count"]').text()).toBe('0')
    expect(wrapper.find('[data-test="weekly-settle-8"]').exists()).toBe(false)
  })
})
