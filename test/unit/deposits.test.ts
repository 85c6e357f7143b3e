import { afterEach, beforeEach, expect, it } from 'vitest'
import type { DesignerStat } from '../../main/contract/deposits.contract'
import type { Person } from '../../main/contract/org.contract'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg, measureCall, registerDeposit, signProject, walkIn, type ProjectOrg } from '../support/projects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { snapshot, TICKET_NOW } from '../support/tickets'

forEachDialect('deposits: pending-sign clients from the deposit to signing or loss (clock: Monday 2025-06-02 in Shanghai)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildProjectOrg(t)
  })
  afterEach(() => t.close())

  it('registers a deposit: pending, aged from the payment date, with designer, consultant and who registered it', async () => {
    const agent = await org.as('agent')
    const d = await registerDeposit(org, { note: '看中新中式方案' })
    expect(d).toEqual({
      id: expect.any(Number),
      customer: { id: org.customers.zhang.id, name: '张三' },
      phone: '138 0013 8000',
      designer: { id: org.site.designer.id, name: '周设计' },
      consultant: { id: org.site.consultant.id, name: '何顾问' },
      amountFen: 5_000_00,
      paidOn: '2025-05-10',
      status: 'pending',
      ageDays: 23,
      followUps: 0,
      lastFollowUpAt: null,
      nextFollowUpOn: null,
      outcomeOn: null,
      lostReason: null,
      project: null,
      note: '看中新中式方案',
      createdBy: { id: agent.user.id, name: agent.user.displayName },
      version: 1,
      followUpLog: [],
    })
    expect(await agent.api.deposits.get({ id: d.id })).toEqual(d)
    // without a consultant, paid today
    const today = await registerDeposit(org, { customerId: org.customers.li.id, consultantId: null, paidOn: '2025-06-02' })
    expect(today).toMatchObject({ consultant: null, ageDays: 0, phone: '139 0013 9000' })
  })

  it('the pending list: longest waiting first, filtered by age, designer, customer and name or phone', async () => {
    const agent = await org.as('agent')
    const wang = await agent.api.customers.create({ name: '王五', phone: '13700137000' })
    const latest = await registerDeposit(org, { customerId: wang.id, paidOn: '2025-06-01', designerId: org.site.designer2.id })
    const oldest = await registerDeposit(org, { paidOn: '2025-05-10' })
    const middle = await registerDeposit(org, { customerId: org.customers.li.id, paidOn: '2025-05-26' })
    const ids = async (input: Parameters<typeof agent.api.deposits.list>[0]) => {
      const page = await agent.api.deposits.list(input)
      expect(page.total).toBe(page.items.length)
      return page.items.map((d) => d.id)
    }
    expect(await ids({})).toEqual([oldest.id, middle.id, latest.id])
    const page = await agent.api.deposits.list({})
    expect(page.items.map((d) => d.ageDays)).toEqual([23, 7, 1])
    // pending at least N days: paid on or before today − N
    expect(await ids({ minAgeDays: 0 })).toEqual([oldest.id, middle.id, latest.id])
    expect(await ids({ minAgeDays: 7 })).toEqual([oldest.id, middle.id])
    expect(await ids({ minAgeDays: 8 })).toEqual([oldest.id])
    expect(await ids({ minAgeDays: 23 })).toEqual([oldest.id])
    expect(await ids({ minAgeDays: 24 })).toEqual([])
    expect(await ids({ designerId: org.site.designer2.id })).toEqual([latest.id])
    expect(await ids({ customerId: org.customers.li.id })).toEqual([middle.id])
    expect(await ids({ q: '李' })).toEqual([middle.id])
    expect(await ids({ q: '王五' })).toEqual([latest.id])
    // four digits or more search the phone as well
    expect(await ids({ q: '138 0013' })).toEqual([oldest.id])
    expect(await ids({ q: '13700137000' })).toEqual([latest.id])
    expect(await ids({ q: '赵' })).toEqual([])
    // paging keeps the order
    const second = await agent.api.deposits.list({ page: 2, pageSize: 2 })
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(second.items.map((d) => d.id)).toEqual([latest.id])
    expect(await ids({ status: 'lost' })).toEqual([])
  })

  it('follow-ups are logged with who, when and the next date; the next date may not be in the past', async () => {
    const d = await registerDeposit(org)
    t.clock.advance({ hours: 3 })
    const agent = await org.as('agent')
    const before = await snapshot(t)
    expect(await failure(agent.api.deposits.followUp({ id: d.id, version: d.version, note: '客户在比价', nextOn: '2025-06-01' }))).toMatchObject({
      code: 'VALIDATION',
      fields: { nextOn: expect.stringMatching(CJK) },
    })
    expect(await failure(agent.api.deposits.followUp({ id: d.id, version: d.version, note: '', nextOn: null }))).toMatchObject({ code: 'VALIDATION', fields: { note: expect.stringMatching(CJK) } })
    expect((await failure(agent.api.deposits.followUp({ id: d.id, version: d.version + 1, note: '客户在比价' }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.deposits.followUp({ id: 99999, version: 1, note: '客户在比价' }))).code).toBe('NOT_FOUND')
    expect(await snapshot(t)).toEqual(before)

    const first = await agent.api.deposits.followUp({ id: d.id, version: d.version, note: '客户在比价', nextOn: '2025-06-05' })
    const at = '2025-06-02T05:00:00.000Z'
    expect(first).toMatchObject({ status: 'pending', followUps: 1, lastFollowUpAt: at, nextFollowUpOn: '2025-06-05', version: 2 })
    expect(first.followUpLog).toEqual([{ id: expect.any(Number), at, by: { id: agent.user.id, name: agent.user.displayName }, note: '客户在比价', nextOn: '2025-06-05' }])
    t.clock.set('2025-06-05T03:00:00.000Z')
    const lead = await org.as('shiftLead')
    const second = await lead.api.deposits.followUp({ id: d.id, version: first.version, note: '客户下周来签合同' })
    expect(second).toMatchObject({ followUps: 2, lastFollowUpAt: '2025-06-05T03:00:00.000Z', nextFollowUpOn: null, ageDays: 26, version: 3 })
    expect(second.followUpLog.map((f) => [f.by.id, f.note, f.nextOn])).toEqual([
      [agent.user.id, '客户在比价', '2025-06-05'],
      [lead.user.id, '客户下周来签合同', null],
    ])
    expect((await lead.api.deposits.list({})).items[0]).toMatchObject({ id: d.id, followUps: 2, nextFollowUpOn: null })
  })

  it('a lost client leaves the pending list with the reason and date; a decided deposit takes no follow-up nor a second outcome', async () => {
    const agent = await org.as('agent')
    const d = await registerDeposit(org, { paidOn: '2025-05-20' })
    const keep = await registerDeposit(org, { customerId: org.customers.li.id, paidOn: '2025-05-21' })
    const before = await snapshot(t)
    expect(await failure(agent.api.deposits.markLost({ id: d.id, version: d.version, reason: '选了别家', on: '2025-05-19' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.deposits.markLost({ id: d.id, version: d.version, reason: '选了别家', on: '2025-06-03' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.deposits.markLost({ id: d.id, version: d.version, reason: '', on: '2025-06-01' }))).toMatchObject({ code: 'VALIDATION', fields: { reason: expect.any(String) } })
    expect((await failure(agent.api.deposits.markLost({ id: d.id, version: 7, reason: '选了别家', on: '2025-06-01' }))).code).toBe('CONFLICT')
    expect(await snapshot(t)).toEqual(before)

    const lost = await agent.api.deposits.markLost({ id: d.id, version: d.version, reason: '选了别家', on: '2025-06-01' })
    expect(lost).toMatchObject({ status: 'lost', lostReason: '选了别家', outcomeOn: '2025-06-01', ageDays: 12, nextFollowUpOn: null, version: 2 })
    expect((await agent.api.deposits.list({})).items.map((x) => x.id)).toEqual([keep.id])
    expect((await agent.api.deposits.list({ status: 'lost' })).items.map((x) => x.id)).toEqual([d.id])

    const decided = await snapshot(t)
    const again = await failure(agent.api.deposits.markLost({ id: d.id, version: lost.version, reason: '再次流失', on: '2025-06-02' }))
    expect(again).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(CJK) })
    const follow = await failure(agent.api.deposits.followUp({ id: d.id, version: lost.version, note: '回访' }))
    expect(follow).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/流失/) })
    // a lost deposit cannot be signed either
    expect(await failure(signProject(org, { depositId: d.id }))).toMatchObject({ code: 'VALIDATION', fields: { depositId: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(decided)
  })

  it('signing with the deposit: the deposit becomes signed on the signing date and links the contract, in one step', async () => {
    const agent = await org.as('agent')
    const d = await registerDeposit(org, { paidOn: '2025-05-10' })
    const lis = await registerDeposit(org, { customerId: org.customers.li.id, paidOn: '2025-05-25' })
    const before = await snapshot(t)
    // the deposit is another customer's, the signing is before the deposit, the deposit does not exist
    expect(await failure(signProject(org, { depositId: lis.id }))).toMatchObject({ code: 'VALIDATION', fields: { depositId: expect.stringMatching(CJK) } })
    expect(await failure(signProject(org, { depositId: d.id, signedOn: '2025-05-09', planned: { start: null, material: null, midterm: null, completion: null } }))).toMatchObject({
      code: 'VALIDATION',
      fields: { signedOn: expect.stringMatching(/2025-05-10/) },
    })
    expect(await failure(signProject(org, { depositId: 99999 }))).toMatchObject({ code: 'VALIDATION', fields: { depositId: expect.stringMatching(CJK) } })
    // a bad contract leaves the deposit pending
    expect(await failure(signProject(org, { depositId: d.id, amountFen: 100_00 }))).toMatchObject({ code: 'VALIDATION', fields: { payments: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)

    const project = await signProject(org, { depositId: d.id })
    const signed = await agent.api.deposits.get({ id: d.id })
    expect(signed).toMatchObject({ status: 'signed', outcomeOn: '2025-05-20', ageDays: 10, project: { id: project.id, contractNo: 'HT-2025-001' }, version: d.version + 1 })
    expect((await agent.api.deposits.list({})).items.map((x) => x.id)).toEqual([lis.id])
    expect((await agent.api.deposits.list({ status: 'signed' })).items.map((x) => [x.id, x.project?.contractNo])).toEqual([[d.id, 'HT-2025-001']])

    const once = await snapshot(t)
    expect(await failure(signProject(org, { depositId: d.id, contractNo: 'HT-2025-002' }))).toMatchObject({ code: 'VALIDATION', fields: { depositId: expect.stringMatching(/已签约/) } })
    expect(await failure(agent.api.deposits.markLost({ id: d.id, version: signed.version, reason: '改主意', on: '2025-06-01' }))).toMatchObject({ code: 'VALIDATION' })
    expect(await snapshot(t)).toEqual(once)
  })

  it('the signed contract shows the deposit it came from', async () => {
    const d = await registerDeposit(org, { paidOn: '2025-05-10' })
    const project = await signProject(org, { depositId: d.id })
    expect(project.deposit).toEqual({ id: d.id, amountFen: 5_000_00, paidOn: '2025-05-10' })
  })

  it('bad deposits are refused with the field named in Chinese, nothing written', async () => {
    const agent = await org.as('agent')
    const before = await snapshot(t)
    const cases: [Parameters<typeof registerDeposit>[1], string][] = [
      [{ customerId: 99999 }, 'customerId'],
      [{ designerId: org.site.supervisor.id }, 'designerId'],
      [{ designerId: 99999 }, 'designerId'],
      [{ consultantId: org.site.designer.id }, 'consultantId'],
      [{ designerId: org.site.consultant.id }, 'designerId'],
      [{ amountFen: 0 }, 'amountFen'],
      [{ amountFen: -5 }, 'amountFen'],
      [{ amountFen: 12.5 }, 'amountFen'],
      [{ paidOn: '2025-06-03' }, 'paidOn'],
      [{ paidOn: '2025-02-30' }, 'paidOn'],
    ]
    for (const [input, field] of cases) {
      const error = await failure(registerDeposit(org, input))
      expect(error, JSON.stringify(input)).toMatchObject({ code: 'VALIDATION', fields: { [field]: expect.stringMatching(CJK) } })
    }
    expect((await failure(agent.api.deposits.get({ id: 99999 }))).code).toBe('NOT_FOUND')
    expect(await failure(agent.api.deposits.designerStats({ from: '2025-06-02', to: '2025-06-01' }))).toMatchObject({ code: 'VALIDATION', fields: { to: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)
  })
})

type Activity = { designer: Person; kind: 'visit' | 'measure' | 'deposit' | 'signed' | 'lost'; on: string }

/** What the designers' table should say, counted straight from the hand-made list. */
function expectedStats(designers: Person[], activity: Activity[], from: string, to: string): DesignerStat[] {
  return designers.map((designer) => {
    const n = (kind: Activity['kind']) => activity.filter((a) => a.designer.id === designer.id && a.kind === kind && a.on >= from && a.on <= to).length
    const consultations = n('visit') + n('measure')
    return {
      designer: { id: designer.id, name: designer.name },
      consultations,
      visits: n('visit'),
      measures: n('measure'),
      deposits: n('deposit'),
      signed: n('signed'),
      lost: n('lost'),
      conversion: consultations ? n('signed') / consultations : null,
      depositRate: consultations ? n('deposit') / consultations : null,
    }
  })
}

const byId = (stats: DesignerStat[]) => [...stats].sort((a, b) => a.designer.id - b.designer.id)

forEachDialect('designer stats count consultations, deposits, contracts and losses by Shanghai dates (machine clock in UTC)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  beforeEach(async () => {
    // Saturday 2025-05-31 23:59:59 in Shanghai, still 15:59:59 on the same day in UTC
    t = await openTestCore({ store: h.config, now: '2025-05-31T15:59:59.000Z' })
    org = await buildProjectOrg(t)
  })
  afterEach(() => t.close())

  it('agrees with the counts made by hand, for periods around midnight in Shanghai and an empty one', async () => {
    const { designer: d1, designer2: d2 } = org.site
    const d3 = org.people.designHead
    const activity: Activity[] = []

    // the last second of Saturday 05-31 in Shanghai
    await walkIn(org, '客一', '13700000001', d1.id)
    activity.push({ designer: d1, kind: 'visit', on: '2025-05-31' })
    // the first second of Sunday 06-01 in Shanghai (still 05-31 in UTC)
    t.clock.set('2025-05-31T16:00:00.000Z')
    await walkIn(org, '客二', '13700000002', d1.id)
    activity.push({ designer: d1, kind: 'visit', on: '2025-06-01' })
    const call = await measureCall(org, '13700000003', d2.id, { newCustomerName: '客三' })
    activity.push({ designer: d2, kind: 'measure', on: '2025-06-01' })
    // Monday 06-02 10:00 in Shanghai
    t.clock.set(TICKET_NOW)
    const v4 = await walkIn(org, '客四', '13700000004', d2.id)
    activity.push({ designer: d2, kind: 'visit', on: '2025-06-02' })
    // a walk-in nobody received counts for nobody
    await walkIn(org, '客五', '13700000005', null)
    await measureCall(org, '13800138000', d1.id, { customerId: org.customers.zhang.id })
    activity.push({ designer: d1, kind: 'measure', on: '2025-06-02' })

    const agent = await org.as('agent')
    const customers = (await agent.api.customers.search({ q: '客', pageSize: 50 })).items
    const idOf = (name: string) => customers.find((c) => c.name === name)!.id
    expect(call.customer?.id).toBe(idOf('客三'))
    expect(v4.customerId).toBe(idOf('客四'))

    const dep1 = await registerDeposit(org, { designerId: d1.id, paidOn: '2025-05-31' })
    activity.push({ designer: d1, kind: 'deposit', on: '2025-05-31' })
    const dep2 = await registerDeposit(org, { customerId: org.customers.li.id, designerId: d2.id, paidOn: '2025-06-01' })
    activity.push({ designer: d2, kind: 'deposit', on: '2025-06-01' })
    await registerDeposit(org, { customerId: idOf('客四'), designerId: d2.id, paidOn: '2025-06-02' })
    activity.push({ designer: d2, kind: 'deposit', on: '2025-06-02' })
    const dep4 = await registerDeposit(org, { customerId: idOf('客一'), designerId: d1.id, paidOn: '2025-05-15' })
    activity.push({ designer: d1, kind: 'deposit', on: '2025-05-15' })

    await signProject(org, { contractNo: 'HT-A', designerId: d1.id, depositId: dep1.id, signedOn: '2025-06-02', planned: { start: null, material: null, midterm: null, completion: null } })
    activity.push({ designer: d1, kind: 'signed', on: '2025-06-02' })
    await signProject(org, { contractNo: 'HT-B', customerId: idOf('客三'), designerId: d2.id, signedOn: '2025-06-01', planned: { start: null, material: null, midterm: null, completion: null } })
    activity.push({ designer: d2, kind: 'signed', on: '2025-06-01' })
    await signProject(org, { contractNo: 'HT-C', customerId: idOf('客二'), designerId: d3.id, signedOn: '2025-05-31', planned: { start: null, material: null, midterm: null, completion: null } })
    activity.push({ designer: d3, kind: 'signed', on: '2025-05-31' })

    // a loss counts on its own date, whenever the deposit was paid
    await agent.api.deposits.markLost({ id: dep4.id, version: dep4.version, reason: '预算不够', on: '2025-06-01' })
    activity.push({ designer: d1, kind: 'lost', on: '2025-06-01' })
    await agent.api.deposits.markLost({ id: dep2.id, version: dep2.version, reason: '选了别家', on: '2025-06-02' })
    activity.push({ designer: d2, kind: 'lost', on: '2025-06-02' })

    const admin = await t.admin()
    const designers = await admin.api.org.listPeople({ kind: 'designer' })
    expect(designers.map((p) => p.id)).toEqual(expect.arrayContaining([d1.id, d2.id, d3.id]))
    const lead = await org.as('shiftLead')
    for (const [from, to] of [
      ['2025-06-01', '2025-06-02'],
      ['2025-05-31', '2025-05-31'],
      ['2025-06-01', '2025-06-01'],
      ['2025-05-01', '2025-06-30'],
      ['2025-01-01', '2025-01-31'],
    ]) {
      const stats = await lead.api.deposits.designerStats({ from, to })
      expect(byId(stats), `${from}..${to}`).toEqual(byId(expectedStats(designers, activity, from, to)))
    }

    // spot checks written out: the boundary visit and the rates
    const june = await lead.api.deposits.designerStats({ from: '2025-06-01', to: '2025-06-02' })
    expect(june.find((s) => s.designer.id === d1.id)).toEqual({ designer: { id: d1.id, name: '周设计' }, consultations: 2, visits: 1, measures: 1, deposits: 0, signed: 1, lost: 1, conversion: 0.5, depositRate: 0 })
    expect(june.find((s) => s.designer.id === d2.id)).toMatchObject({ consultations: 2, visits: 1, measures: 1, deposits: 2, signed: 1, lost: 1, conversion: 0.5, depositRate: 1 })
    // the best first: signed, then deposits, then consultations
    expect(june.slice(0, 2).map((s) => s.designer.id)).toEqual([d2.id, d1.id])
    const saturday = await lead.api.deposits.designerStats({ from: '2025-05-31', to: '2025-05-31' })
    expect(saturday.find((s) => s.designer.id === d1.id)).toMatchObject({ visits: 1, measures: 0, deposits: 1, conversion: 0, depositRate: 1 })
    // signed without a consultation in the period: no rate to give
    expect(saturday.find((s) => s.designer.id === d3.id)).toMatchObject({ consultations: 0, signed: 1, conversion: null, depositRate: null })
    expect(saturday[0].designer.id).toBe(d3.id)
    const empty = await lead.api.deposits.designerStats({ from: '2025-01-01', to: '2025-01-31' })
    expect(empty.length).toBe(designers.length)
    expect(empty.every((s) => s.consultations + s.deposits + s.signed + s.lost === 0 && s.conversion === null && s.depositRate === null)).toBe(true)

    // a designer who left stays on the table only for periods with something to show
    await admin.api.org.savePerson({ id: d2.id, name: d2.name, kind: 'designer', departmentId: d2.departmentId, phone: null, active: false })
    expect((await lead.api.deposits.designerStats({ from: '2025-01-01', to: '2025-01-31' })).map((s) => s.designer.id)).not.toContain(d2.id)
    expect((await lead.api.deposits.designerStats({ from: '2025-06-01', to: '2025-06-02' })).find((s) => s.designer.id === d2.id)).toMatchObject({ signed: 1, deposits: 2 })
  })
})
