import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter, type RouteLocationRaw } from 'vue-router'
import { FUNNEL_STAGES } from '@contract/dashboard.contract'
import {
  agentLink,
  callbacksDoneLink,
  callbacksDueLink,
  callsLink,
  callsOnDayLink,
  complaintsLink,
  contractsLink,
  dayPeriod,
  depositsLink,
  funnelStageLink,
  heatCellLink,
  newCustomersLink,
  resolvedLink,
  walkInsLink,
  type DrillLink,
} from '@renderer/views/dashboard/drill-links'

const march = { from: '2025-03-01', to: '2025-03-31' }

/** The URL the router makes of a link: what the list screen reads back. */
const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { render: () => null } }] })
const url = (link: DrillLink) => decodeURIComponent(router.resolve(link as RouteLocationRaw).fullPath)

describe('drill-down links (pure)', () => {
  it('opens the calls of a day, by direction, missed ones as unanswered inbound', () => {
    expect(url(callsOnDayLink('2025-03-03', 'in'))).toBe('/call-log?from=2025-03-03&to=2025-03-03&direction=in')
    expect(url(callsOnDayLink('2025-03-03', 'out'))).toBe('/call-log?from=2025-03-03&to=2025-03-03&direction=out')
    expect(url(callsOnDayLink('2025-03-03', 'missed'))).toBe('/call-log?from=2025-03-03&to=2025-03-03&direction=in&missed=true')
    expect(url(callsLink(march, 'answered'))).toBe('/call-log?from=2025-03-01&to=2025-03-31&status=answered')
  })

  it('opens a heat-map cell as the inbound calls of that weekday and hour across the period', () => {
    expect(url(heatCellLink(march, { weekday: 3, hour: 14 }))).toBe('/call-log?from=2025-03-01&to=2025-03-31&direction=in&weekday=3&hour=14')
  })

  it('opens walk-ins of a source in the visit list, those without a source by the noSource flag', () => {
    expect(url(walkInsLink(march, '老客户介绍'))).toBe('/visits?from=2025-03-01&to=2025-03-31&source=老客户介绍')
    expect(url(walkInsLink(march, null))).toBe('/visits?from=2025-03-01&to=2025-03-31&noSource=true')
    expect(url(walkInsLink(march))).toBe('/visits?from=2025-03-01&to=2025-03-31')
  })

  it('opens each funnel stage in the list that holds it', () => {
    const links = Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, url(funnelStageLink(march, stage))]))
    expect(links).toEqual({
      inquiry: '/call-log?direction=in&type=consult&from=2025-03-01&to=2025-03-31',
      walkIn: '/visits?from=2025-03-01&to=2025-03-31',
      measure: '/call-log?type=measure&from=2025-03-01&to=2025-03-31',
      deposit: '/deposits?status=all&paidFrom=2025-03-01&paidTo=2025-03-31',
      contract: '/projects?signedFrom=2025-03-01&signedTo=2025-03-31',
    })
  })

  it('opens a complaints segment as everyone\'s complaints of that category and severity opened in the period', () => {
    expect(url(complaintsLink(march, { category: '工程质量', severity: '严重' }))).toBe(
      '/tickets?scope=all&kind=complaint&category=工程质量&severity=严重&from=2025-03-01&to=2025-03-31',
    )
    expect(url(complaintsLink(march, { state: 'open' }))).toBe('/tickets?scope=all&kind=complaint&state=open&from=2025-03-01&to=2025-03-31')
    expect(url(complaintsLink(march, { due: 'breached' }))).toBe('/tickets?scope=all&kind=complaint&due=breached&from=2025-03-01&to=2025-03-31')
  })

  it('opens a trend point as the tickets resolved or callbacks done that day', () => {
    expect(url(resolvedLink(dayPeriod('2025-03-05')))).toBe('/tickets?scope=all&resolvedFrom=2025-03-05&resolvedTo=2025-03-05')
    expect(url(callbacksDoneLink(dayPeriod('2025-03-06')))).toBe('/callbacks?tab=done&doneFrom=2025-03-06&doneTo=2025-03-06')
    expect(url(callbacksDueLink(march))).toBe('/callbacks?tab=all&dueFrom=2025-03-01&dueTo=2025-03-31')
  })

  it('opens a designer\'s deposits, an agent\'s calls, the new customers and the contracts of the period', () => {
    expect(url(depositsLink(march, 12))).toBe('/deposits?designer=12&status=all&paidFrom=2025-03-01&paidTo=2025-03-31')
    expect(url(agentLink(march, 5))).toBe('/call-log?agent=5&from=2025-03-01&to=2025-03-31')
    expect(url(newCustomersLink(march))).toBe('/customers?createdFrom=2025-03-01&createdTo=2025-03-31')
    expect(url(contractsLink(march))).toBe('/projects?signedFrom=2025-03-01&signedTo=2025-03-31')
  })
})
