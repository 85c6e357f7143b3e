import { describe, expect, it } from 'vitest'
import type { CustomerDetail } from '@contract/customers.contract'
import { DEFAULT_SETTINGS } from '@contract/settings.contract'
import { changesOf, draftOf as profileDraftOf, profileFieldOf } from '@renderer/views/customers/profile-draft'
import { changedSettings, draftOf as settingsDraftOf, settingKeyOf } from '@renderer/views/settings/settings-draft'
import { timelineKindStyle, TIMELINE_KINDS } from '@renderer/views/customers/timeline-kinds'
import { budgetIndexOf, mapServerFields, toRegisterInput, emptyDraft } from '@renderer/views/visits/walk-in-draft'

const customer: CustomerDetail = {
  id: 9,
  name: '王芳',
  community: '翠湖天地',
  address: null,
  houseType: '三室',
  areaSqm: 98,
  budgetMinFen: 20000000,
  budgetMaxFen: 30000000,
  style: null,
  sourceChannel: '网络推广',
  grade: null,
  tags: ['老带新'],
  notes: null,
  ownerAgent: null,
  following: null,
  referrer: null,
  lastContactAt: null,
  phones: [],
  createdAt: '',
  updatedAt: '',
  version: 4,
}

describe('customer profile changes', () => {
  it('sends only what changed, with the version, money back in fen', () => {
    const draft = profileDraftOf(customer)
    expect(draft.budgetMinYuan).toBe(200000)
    draft.address = ' 淮海中路 1 号 '
    draft.budgetMaxYuan = 350000
    draft.tags = ['老带新', '急装']
    expect(changesOf(customer, draft)).toEqual({ id: 9, version: 4, address: '淮海中路 1 号', budgetMaxFen: 35000000, tags: ['老带新', '急装'] })
  })

  it('clears a field as null', () => {
    const draft = profileDraftOf(customer)
    draft.community = ''
    expect(changesOf(customer, draft)).toEqual({ id: 9, version: 4, community: null })
  })

  it('sets, keeps and clears the referrer (介绍人) by id', () => {
    const withReferrer = { ...customer, referrer: { id: 3, name: '张三' } }
    expect(profileDraftOf(withReferrer).referrerId).toBe(3)
    expect(changesOf(withReferrer, profileDraftOf(withReferrer))).toEqual({ id: 9, version: 4 })
    const draft = profileDraftOf(customer)
    draft.referrerId = 3
    expect(changesOf(customer, draft)).toEqual({ id: 9, version: 4, referrerId: 3 })
    const cleared = profileDraftOf(withReferrer)
    cleared.referrerId = null
    expect(changesOf(withReferrer, cleared)).toEqual({ id: 9, version: 4, referrerId: null })
    expect(profileFieldOf('referrerId')).toBe('referrerId')
  })

  it('maps server field names to the form', () => {
    expect(profileFieldOf('budgetMinFen')).toBe('budgetMinYuan')
    expect(profileFieldOf('tags.1')).toBe('tags')
    expect(profileFieldOf('version')).toBeNull()
  })
})

describe('settings changes', () => {
  it('sends only the changed keys, budgets converted from 万元 to fen', () => {
    const draft = settingsDraftOf(DEFAULT_SETTINGS)
    expect(changedSettings(DEFAULT_SETTINGS, draft)).toEqual({})
    draft.companyName = '  新名称装饰  '
    draft.budgetRanges[4].minWan = 60
    const changes = changedSettings(DEFAULT_SETTINGS, draft)
    expect(Object.keys(changes).sort()).toEqual(['budgetRanges', 'companyName'])
    expect(changes.companyName).toBe('新名称装饰')
    expect(changes.budgetRanges?.[4]).toEqual({ label: '50万以上', minFen: 60_000_000, maxFen: null })
  })

  it('puts a nested server message under its setting', () => {
    expect(settingKeyOf('changes.budgetRanges.1.label')).toBe('budgetRanges')
    expect(settingKeyOf('companyName')).toBe('companyName')
  })
})

describe('walk-in draft', () => {
  it('turns the chosen budget range into fen bounds and blanks into null', () => {
    const draft = { ...emptyDraft(), phone: ' 13800138000 ', name: '张三', budget: 1, community: '  ' }
    expect(toRegisterInput(draft, DEFAULT_SETTINGS.budgetRanges)).toMatchObject({ phone: '13800138000', budgetMinFen: 10_000_000, budgetMaxFen: 20_000_000, community: null })
    expect(budgetIndexOf(DEFAULT_SETTINGS.budgetRanges, 50_000_000, null)).toBe(4)
    expect(budgetIndexOf(DEFAULT_SETTINGS.budgetRanges, 1, 2)).toBeNull()
  })

  it('shows budget and customer errors where the receptionist can act on them', () => {
    expect(mapServerFields({ budgetMaxFen: 'x', customerId: '客户不存在', unknown: 'z' })).toEqual({ budget: 'x', phone: '客户不存在' })
  })
})

describe('timeline kinds', () => {
  it('has a look for every known kind and a plain one for kinds added later', () => {
    expect(timelineKindStyle('visit')).toBe(TIMELINE_KINDS.visit)
    expect(timelineKindStyle('call').labelKey).toBe('timeline.call')
    expect(timelineKindStyle('appointment').labelKey).toBe('timeline.appointment')
    expect(timelineKindStyle('ticket').labelKey).toBe('tickets.timeline.ticket')
    expect(timelineKindStyle('project').labelKey).toBe('projects.timeline.project')
    expect(timelineKindStyle('survey' as never).labelKey).toBe('timeline.other')
  })
})
