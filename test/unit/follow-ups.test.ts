import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo, type FollowUpRow } from '../../database/entities'
import type { CallDetail } from '../../main/contract/calls.contract'
import { countRows, snapshotDb, type DbSnapshot } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, TEST_PASSWORD, type Session, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T02:00:00.000Z' // Monday 2025-06-02 10:00 in Shanghai

forEachDialect('follow-ups', (h) => {
  let t: TestCore
  let customerId: number
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    await t.createStaff('agent', { username: 'agent2', displayName: '客服小王' })
    customerId = (await (await t.as('agent')).api.customers.create({ name: '张三', phone: '13800138000' })).id
  })
  afterEach(() => t.close())

  // Sessions idle out when the clock jumps days ahead: always ask for a live one.
  const agent = (): Promise<Session> => t.as('agent')
  const agent2 = (): Promise<Session> => t.login('agent2', TEST_PASSWORD)

  const snapshot = async (): Promise<DbSnapshot> => {
    await t.core.audit.flush()
    return snapshotDb(t.core.store)
  }

  const tasks = (): Promise<FollowUpRow[]> => repo(t.core.store.writer.manager, 'follow_up').find({ order: { id: 'ASC' } })

  /** A call taken and saved by `who` with a next follow-up date. */
  const callWithFollowUp = async (who: Session, followUpOn: string | null, phone = '13800138000', summary = '问报价'): Promise<CallDetail> => {
    const call = await who.api.calls.start({ direction: 'in', phone })
    return who.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', summary, followUpOn })
  }

  it('a next follow-up date on the intake becomes a task for the agent who saved it', async () => {
    const me = await agent()
    const saved = await callWithFollowUp(me, '2025-06-04', '13800138000', '要报价单')
    expect(saved.followUpOn).toBe('2025-06-04')
    expect(await tasks()).toEqual([
      expect.objectContaining({ sourceCallId: saved.id, customerId, numberKey: '13800138000', agentId: me.user.id, dueOn: '2025-06-04', note: '要报价单', status: 'open', doneAt: null, doneCallId: null }),
    ])
    // the outcome, when given, is the task's note
    const withOutcome = await me.api.calls.start({ direction: 'in', phone: '13800138000' })
    await me.api.calls.saveIntake({ id: withOutcome.id, version: withOutcome.version, type: 'consult', summary: '长长的摘要', outcome: '周三回电报价', followUpOn: '2025-06-05' })
    expect((await tasks())[1]).toMatchObject({ note: '周三回电报价', dueOn: '2025-06-05' })
  })

  it('mine: due today and overdue, later ones only with upcoming; the day is Shanghai’s', async () => {
    const me = await agent()
    const today = await callWithFollowUp(me, '2025-06-02')
    const wednesday = await callWithFollowUp(me, '2025-06-04')
    const friday = await callWithFollowUp(me, '2025-06-06')
    const taskOf = async (call: CallDetail) => (await tasks()).find((f) => f.sourceCallId === call.id) as FollowUpRow

    const mine = await me.api.calls.followUps({ scope: 'mine' })
    expect(mine.map((f) => f.sourceCallId)).toEqual([today.id])
    expect(mine[0]).toMatchObject({ dueOn: '2025-06-02', overdue: false, status: 'open', customer: { id: customerId, name: '张三' }, display: '138 0013 8000', agent: { id: me.user.id }, doneAt: null })
    expect((await me.api.calls.followUps({ upcoming: true })).map((f) => [f.sourceCallId, f.overdue])).toEqual([
      [today.id, false],
      [wednesday.id, false],
      [friday.id, false],
    ])

    // 2025-06-03 16:30 UTC is already Wednesday 00:30 in Shanghai
    t.clock.set('2025-06-03T16:30:00.000Z')
    expect((await (await agent()).api.calls.followUps({})).map((f) => [f.sourceCallId, f.dueOn, f.overdue])).toEqual([
      [today.id, '2025-06-02', true],
      [wednesday.id, '2025-06-04', false],
    ])
    t.clock.set('2025-06-03T15:59:00.000Z') // still Tuesday there
    expect((await (await agent()).api.calls.followUps({})).map((f) => f.sourceCallId)).toEqual([today.id])

    t.clock.set('2025-06-07T02:00:00.000Z')
    const later = await (await agent()).api.calls.followUps({})
    expect(later.map((f) => [f.id, f.overdue])).toEqual([
      [(await taskOf(today)).id, true],
      [(await taskOf(wednesday)).id, true],
      [(await taskOf(friday)).id, true],
    ])
  })

  it('another agent does not see them; scope all is for shift leads and managers', async () => {
    const me = await agent()
    await callWithFollowUp(me, '2025-06-02')
    const theirs = await callWithFollowUp(await agent2(), '2025-06-02', '13900139000')
    expect((await me.api.calls.followUps({})).map((f) => f.agent.id)).toEqual([me.user.id])
    const other = await agent2()
    expect((await other.api.calls.followUps({})).map((f) => f.sourceCallId)).toEqual([theirs.id])
    expect((await other.api.calls.followUps({ upcoming: true })).map((f) => f.sourceCallId)).toEqual([theirs.id])

    const before = await snapshot()
    const refused = await failure(me.api.calls.followUps({ scope: 'all' }))
    expect(refused.code).toBe('FORBIDDEN')
    expect(refused.message).toMatch(CJK)
    expect(await snapshot()).toEqual(before)

    for (const role of ['shiftLead', 'manager'] as const) {
      const all = await (await t.as(role)).api.calls.followUps({ scope: 'all' })
      expect(all.map((f) => f.agent.name).sort(), role).toEqual([me.user.displayName, '客服小王'].sort())
    }
  })

  it('startFollowUp makes an outbound call to the customer linked to the task; saving it marks the task done', async () => {
    const me = await agent()
    const source = await callWithFollowUp(me, '2025-06-02')
    const [task] = await tasks()
    t.clock.advance({ hours: 2 })
    const call = await me.api.calls.startFollowUp({ id: task.id })
    expect(call).toMatchObject({ direction: 'out', source: 'manual', status: 'talking', followUpId: task.id, customer: { id: customerId }, normalized: '13800138000', agent: { id: me.user.id } })
    expect(call.id).not.toBe(source.id)
    // not done until the call is saved
    expect((await tasks())[0]).toMatchObject({ status: 'open' })
    t.clock.advance({ minutes: 5 })
    await me.api.calls.saveIntake({ id: call.id, version: call.version, type: 'callback', summary: '已报价' })
    expect((await tasks())[0]).toMatchObject({ status: 'done', doneCallId: call.id, doneAt: new Date('2025-06-02T04:05:00.000Z') })
    expect(await me.api.calls.followUps({ upcoming: true })).toEqual([])
    // a done task cannot be started, nor rescheduled, again
    expect(await failure(me.api.calls.startFollowUp({ id: task.id }))).toMatchObject({ code: 'VALIDATION', fields: { id: expect.stringMatching(CJK) } })
    expect(await failure(me.api.calls.rescheduleFollowUp({ id: task.id, dueOn: '2025-06-09' }))).toMatchObject({ code: 'VALIDATION', fields: { id: expect.any(String) } })
    // a correction of the call later does not reopen or re-complete anything
    const saved = await me.api.calls.get({ id: call.id })
    await me.api.calls.saveIntake({ id: call.id, version: saved.version, type: 'callback', summary: '已报价，客户满意' })
    expect(await tasks()).toHaveLength(1)
    expect((await tasks())[0]).toMatchObject({ status: 'done', doneCallId: call.id })
  })

  it('a task for a caller who is no customer dials the number the call came from', async () => {
    const me = await agent()
    await callWithFollowUp(me, '2025-06-02', '021-6234 5678')
    const [task] = await tasks()
    expect(task).toMatchObject({ customerId: null, numberKey: '02162345678' })
    expect((await me.api.calls.followUps({}))[0]).toMatchObject({ customer: null })
    const call = await me.api.calls.startFollowUp({ id: task.id })
    expect(call).toMatchObject({ direction: 'out', normalized: '02162345678', customer: null, followUpId: task.id })
  })

  // Regression: the task's number came from the customer's primary phone only, so for a caller
  // who is no customer it showed the bare key '02162345678' instead of '021 6234 5678'.
  it('a task for a caller who is no customer shows the number grouped, as everywhere else', async () => {
    const me = await agent()
    await callWithFollowUp(me, '2025-06-02', '021-6234 5678')
    await callWithFollowUp(me, '2025-06-02', '139 0013 9000')
    const [landline, mobile] = await me.api.calls.followUps({})
    // the same numbers as the call list shows them
    const listed = (await me.api.calls.list({})).items
    expect(listed.map((c) => c.display).sort()).toEqual(['021 6234 5678', '139 0013 9000'])
    expect(landline.display).toBe('021 6234 5678')
    expect(mobile.display).toBe('139 0013 9000')
  })

  it('someone else’s task: an agent may not start or move it (FORBIDDEN, nothing written), a shift lead may', async () => {
    await callWithFollowUp(await agent(), '2025-06-02')
    const [task] = await tasks()
    const other = await agent2()
    const before = await snapshot()
    expect((await failure(other.api.calls.startFollowUp({ id: task.id }))).code).toBe('FORBIDDEN')
    expect((await failure(other.api.calls.rescheduleFollowUp({ id: task.id, dueOn: '2025-06-09' }))).code).toBe('FORBIDDEN')
    expect((await failure(other.api.calls.startFollowUp({ id: 99999 }))).code).toBe('NOT_FOUND')
    expect(await snapshot()).toEqual(before)
    const lead = await t.as('shiftLead')
    const call = await lead.api.calls.startFollowUp({ id: task.id })
    expect(call).toMatchObject({ agent: { id: lead.user.id }, followUpId: task.id })
    await lead.api.calls.saveIntake({ id: call.id, version: call.version, type: 'callback' })
    expect((await tasks())[0]).toMatchObject({ status: 'done', doneCallId: call.id })
  })

  it('a follow-up date in the past is refused with a field error and nothing is written', async () => {
    const me = await agent()
    const call = await me.api.calls.start({ direction: 'in', phone: '13900139000' })
    const before = await snapshot()
    const refused = await failure(me.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', newCustomerName: '李四', followUpOn: '2025-06-01' }))
    expect(refused).toMatchObject({ code: 'VALIDATION', fields: { followUpOn: expect.stringMatching(CJK) } })
    expect(await snapshot()).toEqual(before)
    expect(await failure(me.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', followUpOn: '2025-02-30' }))).toMatchObject({ code: 'VALIDATION', fields: { followUpOn: expect.any(String) } })
    // 2025-06-01 16:30 UTC is already the 2nd in Shanghai: "today" is the 2nd, the 1st is past
    t.clock.set('2025-06-01T16:30:00.000Z')
    const early = await (await agent()).api.calls.start({ direction: 'in', phone: '13900139000' })
    expect(await failure((await agent()).api.calls.saveIntake({ id: early.id, version: early.version, type: 'consult', followUpOn: '2025-06-01' }))).toMatchObject({ fields: { followUpOn: expect.any(String) } })
    expect((await (await agent()).api.calls.saveIntake({ id: early.id, version: early.version, type: 'consult', followUpOn: '2025-06-02' })).followUpOn).toBe('2025-06-02')
  })

  it('a later correction leaves the task alone while the date is unchanged (even once it has passed); a new date moves it, clearing it cancels it', async () => {
    const me = await agent()
    const saved = await callWithFollowUp(me, '2025-06-03', '13800138000', '要报价单')
    const [task] = await tasks()
    t.clock.set('2025-06-05T02:00:00.000Z')
    const corrected = await (await agent()).api.calls.saveIntake({ id: saved.id, version: saved.version, type: 'consult', summary: '要报价单和效果图', followUpOn: '2025-06-03' })
    expect(corrected.summary).toBe('要报价单和效果图')
    expect(await tasks()).toEqual([task])

    // moving a passed date to another past day is refused
    expect(await failure((await agent()).api.calls.saveIntake({ id: saved.id, version: corrected.version, type: 'consult', followUpOn: '2025-06-04' }))).toMatchObject({ fields: { followUpOn: expect.any(String) } })
    const moved = await (await agent()).api.calls.saveIntake({ id: saved.id, version: corrected.version, type: 'consult', summary: '要报价单和效果图', followUpOn: '2025-06-10' })
    expect(await tasks()).toEqual([expect.objectContaining({ id: task.id, dueOn: '2025-06-10', status: 'open' })])
    expect(moved.edits.at(-1)?.changes['下次跟进日期']).toEqual(['2025-06-03', '2025-06-10'])

    const cleared = await (await agent()).api.calls.saveIntake({ id: saved.id, version: moved.version, type: 'consult', followUpOn: null })
    expect(cleared.followUpOn).toBeNull()
    expect(await tasks()).toEqual([expect.objectContaining({ id: task.id, status: 'cancelled' })])
    expect(await (await agent()).api.calls.followUps({ upcoming: true })).toEqual([])
    // a date given again later is a new task
    await (await agent()).api.calls.saveIntake({ id: saved.id, version: cleared.version, type: 'consult', followUpOn: '2025-06-12' })
    expect((await tasks()).map((f) => [f.status, f.dueOn])).toEqual([
      ['cancelled', '2025-06-10'],
      ['open', '2025-06-12'],
    ])
  })

  it('rescheduleFollowUp moves the task (not into the past) and can change its note', async () => {
    const me = await agent()
    await callWithFollowUp(me, '2025-06-02', '13800138000', '要报价单')
    const [task] = await tasks()
    const moved = await me.api.calls.rescheduleFollowUp({ id: task.id, dueOn: '2025-06-09' })
    expect(moved).toMatchObject({ id: task.id, dueOn: '2025-06-09', note: '要报价单', status: 'open', overdue: false })
    expect(await me.api.calls.followUps({})).toEqual([])
    expect((await me.api.calls.followUps({ upcoming: true })).map((f) => f.dueOn)).toEqual(['2025-06-09'])
    const renoted = await me.api.calls.rescheduleFollowUp({ id: task.id, dueOn: '2025-06-02', note: '客户说周一上午打' })
    expect(renoted).toMatchObject({ dueOn: '2025-06-02', note: '客户说周一上午打' })

    const before = await snapshot()
    expect(await failure(me.api.calls.rescheduleFollowUp({ id: task.id, dueOn: '2025-06-01' }))).toMatchObject({ code: 'VALIDATION', fields: { dueOn: expect.stringMatching(CJK) } })
    expect(await failure(me.api.calls.rescheduleFollowUp({ id: task.id, dueOn: 'next week' }))).toMatchObject({ code: 'VALIDATION', fields: { dueOn: expect.any(String) } })
    expect(await failure(me.api.calls.rescheduleFollowUp({ id: 99999, dueOn: '2025-06-09' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
    expect(await countRows(t.core.store, 'follow_up')).toBe(1)
  })

  it('a call started from a task that did not connect still closes it, and its own date makes the next task', async () => {
    const me = await agent()
    await callWithFollowUp(me, '2025-06-02')
    const [task] = await tasks()
    const call = await me.api.calls.startFollowUp({ id: task.id })
    await me.api.calls.saveIntake({ id: call.id, version: call.version, type: 'callback', connected: false, summary: '无人接听', followUpOn: '2025-06-03' })
    expect((await tasks()).map((f) => [f.id, f.status, f.dueOn, f.sourceCallId, f.doneCallId])).toEqual([
      [task.id, 'done', '2025-06-02', task.sourceCallId, call.id],
      [expect.any(Number), 'open', '2025-06-03', call.id, null],
    ])
  })
})
