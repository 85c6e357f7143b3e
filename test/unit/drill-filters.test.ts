import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Page } from '../../main/contract/schema-kit'
import { callEvents, ingest } from '../support/cti'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg, driveProject, registerDeposit, signProject, type ProjectOrg } from '../support/projects'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'
import { answerCallback, openCallbackOf, snapshot, ticketIn, TICKET_NOW } from '../support/tickets'

/**
 * The filters the dashboard's drill-down opens the lists with. The company is in Asia/Shanghai
 * (UTC+8) and the tests run with TZ=UTC: every day and hour below is Shanghai's, and the instants
 * are picked so that UTC's day or hour would give another answer.
 */

/** The ids of a page, checking that the total agrees (every case below fits on one page). */
async function idsOf(page: Promise<Page<{ id: number }>>): Promise<number[]> {
  const { items, total } = await page
  expect(total).toBe(items.length)
  return items.map((item) => item.id)
}

forEachDialect('drill-down filters of the lists (Shanghai days and hours, TZ=UTC)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildProjectOrg(t)
  })
  afterEach(() => t.close())

  /** An inbound call as the PBX reports it: answered after 5 s unless `ring` alone (then it rang out). */
  async function pbxCall(callId: string, at: string, options: { ring?: number; talk?: number | null; direction?: 'in' | 'out' } = {}): Promise<number> {
    const direction = options.direction ?? 'in'
    const talk = options.talk === null ? undefined : (options.talk ?? 60)
    const number = direction === 'in' ? { caller: '13900139000' } : { callee: '13900139000' }
    const [first] = await ingest(t, callEvents({ callId, at, ring: options.ring ?? 5, talk, direction, extension: '8001', ...number }))
    return first.id
  }

  it('calls.list: weekday and hour are Shanghai’s, spread over from–to as one UTC hour per matching date', async () => {
    const manager = await t.as('manager')
    const list = (input: Parameters<Session['api']['calls']['list']>[0]) => idsOf(manager.api.calls.list(input))
    // Sunday 23:30 UTC is Monday 07:30 in Shanghai
    const mon0730 = await pbxCall('c1', '2025-05-25T23:30:00.000Z')
    const mon0659 = await pbxCall('c2', '2025-05-25T22:59:00.000Z')
    // Sunday 15:30 UTC is still Sunday, 23:30, in Shanghai
    const sun2330 = await pbxCall('c3', '2025-05-25T15:30:00.000Z')
    const nextMon0700 = await pbxCall('c4', '2025-06-01T23:00:00.000Z')
    // the last second of Tuesday's hour 7, and the first of hour 8
    const tue0759 = await pbxCall('c5', '2025-05-26T23:59:59.000Z')
    const tue0800 = await pbxCall('c6', '2025-05-27T00:00:00.000Z')
    // the org's complaint call: Monday 2025-06-02 10:00 in Shanghai
    const complaint = org.complaintCall.id
    const period = { from: '2025-05-25', to: '2025-06-02' }

    expect(await list({ ...period, weekday: 1, hour: 7 })).toEqual([nextMon0700, mon0730])
    expect(await list({ ...period, weekday: 1 })).toEqual([complaint, nextMon0700, mon0730, mon0659])
    expect(await list({ ...period, hour: 7 })).toEqual([nextMon0700, tue0759, mon0730])
    expect(await list({ ...period, hour: 8 })).toEqual([tue0800])
    expect(await list({ ...period, hour: 6 })).toEqual([mon0659])
    // UTC would put 07:30 Monday on Sunday at 23:00
    expect(await list({ ...period, weekday: 7, hour: 23 })).toEqual([sun2330])
    expect(await list({ ...period, weekday: 7 })).toEqual([sun2330])
    expect(await list({ ...period, hour: 23 })).toEqual([sun2330])
    expect(await list({ ...period, weekday: 2, hour: 7 })).toEqual([tue0759])
    // only the dates inside from–to count
    expect(await list({ from: '2025-05-26', to: '2025-05-26', hour: 7 })).toEqual([mon0730])
    expect(await list({ from: '2025-05-25', to: '2025-05-25', hour: 7 })).toEqual([])
    // a period without a Monday has no Monday hours
    expect(await list({ from: '2025-05-27', to: '2025-06-01', weekday: 1 })).toEqual([])
    // with the other filters
    expect(await list({ ...period, weekday: 1, direction: 'in', status: 'answered' })).toEqual([complaint, nextMon0700, mon0730, mon0659])
    expect(await list({ ...period, weekday: 1, type: 'complaint' })).toEqual([complaint])
    expect(await list({ ...period, weekday: 1, direction: 'out' })).toEqual([])
    // paged: the total counts them all
    const second = await manager.api.calls.list({ ...period, weekday: 1, page: 2, pageSize: 1 })
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 1 })
    expect(second.items.map((c) => c.id)).toEqual([nextMon0700])
  })

  it('calls.list: missed is inbound calls missed or abandoned, never an outbound call that did not connect', async () => {
    const manager = await t.as('manager')
    const list = (input: Parameters<Session['api']['calls']['list']>[0]) => idsOf(manager.api.calls.list(input))
    // Wednesday 2025-05-28 10:00, 11:00 and 12:00 in Shanghai
    const missed = await pbxCall('m1', '2025-05-28T02:00:00.000Z', { ring: 30, talk: null })
    const abandoned = await pbxCall('m2', '2025-05-28T03:00:00.000Z', { ring: 3, talk: null })
    const outNoAnswer = await pbxCall('m3', '2025-05-28T04:00:00.000Z', { ring: 30, talk: null, direction: 'out' })
    const answered = await pbxCall('m4', '2025-05-28T05:00:00.000Z')
    expect((await manager.api.calls.get({ id: missed })).status).toBe('missed')
    expect((await manager.api.calls.get({ id: abandoned })).status).toBe('abandoned')
    expect((await manager.api.calls.get({ id: outNoAnswer })).status).toBe('missed')

    expect(await list({ missed: true })).toEqual([abandoned, missed])
    expect(await list({ missed: true, status: 'abandoned' })).toEqual([abandoned])
    expect(await list({ missed: true, from: '2025-05-28', to: '2025-05-28', weekday: 3, hour: 10 })).toEqual([missed])
    // false is no filter at all
    expect(await list({ missed: false, from: '2025-05-28', to: '2025-05-28' })).toEqual([answered, outNoAnswer, abandoned, missed])
  })

  it('tickets.list: resolved 16:30 UTC on the last day of June is resolved on 1 July in Shanghai', async () => {
    t.clock.set('2025-06-30T15:59:00.000Z') // 23:59 on 30 June in Shanghai
    const june30 = await ticketIn(org, 'awaitingCallback')
    t.clock.set('2025-06-30T16:30:00.000Z') // 00:30 on 1 July in Shanghai
    const july1 = await ticketIn(org, 'awaitingCallback')
    const open = await ticketIn(org, 'inProgress')
    const manager = await t.as('manager')
    const list = (input: Parameters<Session['api']['tickets']['list']>[0]) => idsOf(manager.api.tickets.list({ scope: 'all', ...input }))

    expect(await list({ resolvedFrom: '2025-07-01', resolvedTo: '2025-07-01' })).toEqual([july1.id])
    expect(await list({ resolvedFrom: '2025-06-01', resolvedTo: '2025-06-30' })).toEqual([june30.id])
    expect(await list({ resolvedFrom: '2025-06-30' })).toEqual([july1.id, june30.id])
    expect(await list({ resolvedTo: '2025-06-29' })).toEqual([])
    expect(await list({ resolvedFrom: '2025-07-02' })).toEqual([])
    // with the creation dates and the other filters
    // created on the same Shanghai days as resolved
    expect(await list({ from: '2025-07-01', to: '2025-07-01' })).toEqual([open.id, july1.id])
    expect(await list({ from: '2025-07-01', resolvedFrom: '2025-07-01' })).toEqual([july1.id])
    expect(await list({ from: '2025-06-30', to: '2025-06-30', resolvedFrom: '2025-07-01' })).toEqual([])
    expect(await list({ resolvedFrom: '2025-06-30', state: 'inProgress' })).toEqual([])
    expect(await list({ state: 'inProgress' })).toEqual([open.id])
  })

  it('callbacks.list: due on company dates, done on Shanghai days', async () => {
    // resolved 10:00 on 2 June in Shanghai: the satisfaction callback is due the next day
    const first = await ticketIn(org, 'awaitingCallback')
    // resolved 00:30 on 4 June in Shanghai (16:30 on the 3rd in UTC): due on 5 June
    t.clock.set('2025-06-03T16:30:00.000Z')
    const second = await ticketIn(org, 'awaitingCallback')
    const firstCallback = openCallbackOf(first)
    const secondCallback = openCallbackOf(second)
    expect([firstCallback.dueOn, secondCallback.dueOn]).toEqual(['2025-06-03', '2025-06-05'])
    // done 00:30 on 6 June in Shanghai
    t.clock.set('2025-06-05T16:30:00.000Z')
    await answerCallback(org, first, 'satisfied')
    const manager = await t.as('manager')
    const list = (input: Parameters<Session['api']['callbacks']['list']>[0]) => idsOf(manager.api.callbacks.list({ scope: 'all', ...input }))

    expect(await list({ status: 'done', doneFrom: '2025-06-06', doneTo: '2025-06-06' })).toEqual([firstCallback.id])
    expect(await list({ status: 'done', doneFrom: '2025-06-01', doneTo: '2025-06-05' })).toEqual([])
    expect(await list({ status: 'done', doneFrom: '2025-06-07' })).toEqual([])
    expect(await list({ status: 'done', dueFrom: '2025-06-03', dueTo: '2025-06-03' })).toEqual([firstCallback.id])
    expect(await list({ status: 'open', dueFrom: '2025-06-05', dueTo: '2025-06-05' })).toEqual([secondCallback.id])
    expect(await list({ status: 'open', dueFrom: '2025-06-04', dueTo: '2025-06-04' })).toEqual([])
    expect(await list({ status: 'open', dueTo: '2025-06-04' })).toEqual([])
    expect(await list({ status: 'open', dueFrom: '2025-06-01' })).toEqual([secondCallback.id])
  })

  it('deposits.list: paid on company dates, of one status or of all', async () => {
    const oldest = await registerDeposit(org, { paidOn: '2025-05-10' })
    const lost = await registerDeposit(org, { customerId: org.customers.li.id, paidOn: '2025-05-26' })
    const latest = await registerDeposit(org, { paidOn: '2025-06-01' })
    const agent = await t.as('agent')
    await agent.api.deposits.markLost({ id: lost.id, version: lost.version, reason: '选择了别家', on: '2025-06-01' })
    const list = (input: Parameters<Session['api']['deposits']['list']>[0]) => idsOf(agent.api.deposits.list(input))

    // all: the latest paid first
    expect(await list({ status: 'all' })).toEqual([latest.id, lost.id, oldest.id])
    expect(await list({ status: 'all', paidFrom: '2025-05-20', paidTo: '2025-06-01' })).toEqual([latest.id, lost.id])
    expect(await list({ status: 'all', paidTo: '2025-05-10' })).toEqual([oldest.id])
    expect(await list({ status: 'all', paidFrom: '2025-06-02' })).toEqual([])
    expect(await list({ paidFrom: '2025-05-20', paidTo: '2025-06-01' })).toEqual([latest.id])
    expect(await list({ status: 'lost', paidFrom: '2025-05-26', paidTo: '2025-05-26' })).toEqual([lost.id])
    // the default is still the pending ones, longest waiting first
    expect(await list({})).toEqual([oldest.id, latest.id])
  })

  it('projects.list: signed on company dates, cancelled contracts left out as the dashboard counts them', async () => {
    const may20 = await signProject(org, { contractNo: 'HT-2025-001', signedOn: '2025-05-20' })
    const may31 = await signProject(org, { contractNo: 'HT-2025-002', signedOn: '2025-05-31' })
    const june1 = await signProject(org, { contractNo: 'HT-2025-003', signedOn: '2025-06-01', customerId: org.customers.li.id })
    await driveProject(org, may31, [['cancel', '2025-06-01']])
    const agent = await t.as('agent')
    const list = (input: Parameters<Session['api']['projects']['list']>[0]) => idsOf(agent.api.projects.list(input))

    expect(await list({ signedFrom: '2025-05-01', signedTo: '2025-05-31' })).toEqual([may20.id])
    expect(await list({ signedFrom: '2025-05-31' })).toEqual([june1.id])
    expect(await list({ signedTo: '2025-05-31' })).toEqual([may20.id])
    expect(await list({ signedFrom: '2025-05-20', signedTo: '2025-06-01', customerId: org.customers.li.id })).toEqual([june1.id])
    expect(await list({ signedFrom: '2025-05-01', status: 'cancelled' })).toEqual([])
    // without the dates the list is as it was: cancelled sites too
    expect(await list({})).toEqual([june1.id, may31.id, may20.id])
  })

  it('visits.list: walk-ins of Shanghai days, by source channel or without one', async () => {
    const reception = () => t.as('receptionist')
    const register = async (at: string, name: string, phone: string, sourceChannel: string | null) => {
      t.clock.set(at)
      return (await (await reception()).api.visits.register({ name, phone, sourceChannel })).visit.id
    }
    // 23:30 on 31 May in Shanghai, then 00:30 and 11:00 on 1 June
    const may31 = await register('2025-05-31T15:30:00.000Z', '王五', '13700137000', '网络推广')
    const june1Night = await register('2025-05-31T16:30:00.000Z', '赵六', '13600136000', '网络推广')
    const june1 = await register('2025-06-01T03:00:00.000Z', '钱七', '13500135000', null)
    const june2 = await register('2025-06-02T02:00:00.000Z', '孙八', '13300133000', '老客户介绍')
    const api = (await reception()).api
    const list = (input: Parameters<Session['api']['visits']['list']>[0]) => idsOf(api.visits.list(input))

    expect(await list({})).toEqual([june2, june1, june1Night, may31])
    expect(await list({ from: '2025-06-01', to: '2025-06-01' })).toEqual([june1, june1Night])
    expect(await list({ from: '2025-05-31', to: '2025-05-31' })).toEqual([may31])
    expect(await list({ source: '网络推广' })).toEqual([june1Night, may31])
    expect(await list({ source: '网络推广', from: '2025-06-01', to: '2025-06-30' })).toEqual([june1Night])
    expect(await list({ noSource: true })).toEqual([june1])
    expect(await list({ noSource: true, from: '2025-06-02' })).toEqual([])
    expect(await list({ source: '老客户介绍', to: '2025-06-01' })).toEqual([])
    const page = await api.visits.list({ page: 2, pageSize: 3 })
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 })
    expect(page.items.map((v) => [v.id, v.customerName, v.sourceChannel])).toEqual([[may31, '王五', '网络推广']])
  })

  it('customers.search: created on Shanghai days', async () => {
    t.clock.set('2025-05-31T15:30:00.000Z') // 23:30 on 31 May in Shanghai
    const may31 = await (await t.as('agent')).api.customers.create({ name: '王五', phone: '13700137000' })
    t.clock.set('2025-05-31T16:30:00.000Z') // 00:30 on 1 June in Shanghai
    const june1 = await (await t.as('agent')).api.customers.create({ name: '赵六', phone: '13600136000' })
    const agent = await t.as('agent')
    const ids = async (input: Parameters<Session['api']['customers']['search']>[0]) => (await idsOf(agent.api.customers.search(input))).sort((a, b) => a - b)

    expect(await ids({ createdFrom: '2025-06-01', createdTo: '2025-06-01' })).toEqual([june1.id])
    expect(await ids({ createdFrom: '2025-05-31', createdTo: '2025-05-31' })).toEqual([may31.id])
    // 张三 and 李四 were created on 2 June
    expect(await ids({ createdFrom: '2025-06-02' })).toEqual([org.customers.zhang.id, org.customers.li.id].sort((a, b) => a - b))
  })

  it('refuses bad filters with a Chinese message naming the field, and changes nothing', async () => {
    const manager = await t.as('manager')
    const api = manager.api
    const before = await snapshot(t)
    const refused = async (call: Promise<unknown>, field: string, message: string | RegExp) => {
      const error = await failure(call)
      expect(error.code, field).toBe('VALIDATION')
      expect(error.message).toMatch(CJK)
      expect(error.fields?.[field], JSON.stringify(error.fields)).toMatch(message)
    }
    const period = { from: '2025-05-01', to: '2025-05-31' }
    const bad = <T>(input: Record<string, unknown>) => input as T

    await refused(api.calls.list(bad({ ...period, hour: 7.5 })), 'hour', '小时必须是整数')
    await refused(api.calls.list(bad({ ...period, hour: '7' })), 'hour', '小时必须是数字')
    await refused(api.calls.list({ ...period, hour: 24 }), 'hour', '小时不能大于23')
    await refused(api.calls.list({ ...period, hour: -1 }), 'hour', '小时不能小于0')
    await refused(api.calls.list({ ...period, weekday: 0 }), 'weekday', '星期不能小于1')
    await refused(api.calls.list({ ...period, weekday: 8 }), 'weekday', '星期不能大于7')
    await refused(api.calls.list({ weekday: 1 }), 'from', /起始日期/)
    await refused(api.calls.list({ hour: 7, to: '2025-05-31' }), 'from', /起始日期/)
    await refused(api.calls.list({ hour: 7, from: '2025-05-01' }), 'to', /截止日期/)
    await refused(api.calls.list({ hour: 7, from: '2025-05-31', to: '2025-05-01' }), 'to', '截止日期不能早于起始日期')
    await refused(api.calls.list({ weekday: 1, from: '2024-01-01', to: '2025-05-31' }), 'to', '按星期或小时筛选时日期范围不能超过366天')
    await refused(api.calls.list(bad({ missed: 'yes' })), 'missed', '是否未接无效')
    await refused(api.tickets.list({ resolvedFrom: '2025-02-30' }), 'resolvedFrom', '解决起始日期不是有效的日期')
    await refused(api.tickets.list({ resolvedTo: '2025/06/01' }), 'resolvedTo', '解决截止日期格式应为 YYYY-MM-DD')
    await refused(api.callbacks.list({ scope: 'all', status: 'done', doneFrom: 'yesterday' }), 'doneFrom', '完成起始日期格式应为 YYYY-MM-DD')
    await refused(api.callbacks.list({ scope: 'all', doneTo: '2025-06-31' }), 'doneTo', '完成截止日期不是有效的日期')
    await refused(api.callbacks.list({ scope: 'all', dueFrom: '2025-13-01' }), 'dueFrom', '应回访起始日期不是有效的日期')
    await refused(api.callbacks.list(bad({ scope: 'all', dueTo: 20250601 })), 'dueTo', '应回访截止日期格式应为 YYYY-MM-DD')
    await refused(api.deposits.list(bad({ status: 'any' })), 'status', '状态无效')
    await refused(api.deposits.list({ status: 'all', paidFrom: '20250601' }), 'paidFrom', '交定起始日期格式应为 YYYY-MM-DD')
    await refused(api.deposits.list({ paidTo: '2025-02-29' }), 'paidTo', '交定截止日期不是有效的日期')
    await refused(api.projects.list({ signedFrom: '' }), 'signedFrom', '签约起始日期格式应为 YYYY-MM-DD')
    await refused(api.projects.list({ signedTo: '2025-06-31' }), 'signedTo', '签约截止日期不是有效的日期')
    await refused(api.visits.list({ source: '渠'.repeat(31) }), 'source', '来源渠道不能超过30个字')
    await refused(api.visits.list({ from: '6/1' }), 'from', '起始日期格式应为 YYYY-MM-DD')
    await refused(api.visits.list(bad({ noSource: 1 })), 'noSource', '是否未填来源无效')
    await refused(api.visits.list({ pageSize: 500 }), 'pageSize', '每页条数不能大于200')
    expect(await snapshot(t)).toEqual(before)
  })
})
