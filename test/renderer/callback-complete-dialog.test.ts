import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import type { CallbackItem } from '@contract/callbacks.contract'
import CallbackListView from '@renderer/views/callbacks/callback-list-view.vue'
import { emptyCompleteDraft, mapCompleteErrors, toCompleteInput } from '@renderer/views/callbacks/callback-complete-form'
import { useAuthStore } from '@renderer/stores/auth.store'
import { useBrowserElementToString } from './support/project-fixtures'
import { mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'
import type { FakeHandler } from './support/fake-transport'
import { callbackItem, clickOn, orgDepartments, orgPeople, pageOf, pickOption, siteCallbackItem, typeInto } from './support/ticket-admin-fixtures'

const stub = { render: () => h('div') }
const routes: RouteRecordRaw[] = [
  { path: '/', component: stub },
  { path: '/callbacks', name: 'callbacks', component: CallbackListView },
  { path: '/tickets/:id', name: 'ticket-detail', component: stub },
  { path: '/projects/:id', name: 'project-detail', component: stub },
  { path: '/customers/:id', name: 'customer-detail', component: stub },
]
const Root = { render: () => h(RouterView) }

// Element Plus poppers otherwise serialize the whole page in happy-dom
beforeAll(useBrowserElementToString)

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

/** 回访任务 with one callback on it, its 回访 dialog open. */
async function openComplete(callback: CallbackItem, handlers: Record<string, FakeHandler> = {}) {
  const mounted = await mountScreen(Root, {
    routes,
    initialPath: '/',
    handlers: {
      'settings.get': () => settings,
      'auth.login': () => ({ token: 't', user: userOf('agent') }),
      'org.chart': () => ({ departments: orgDepartments, generalManager: null }),
      'org.listPeople': () => orgPeople,
      'callbacks.list': () => pageOf([callback]),
      ...handlers,
    },
  })
  await useAuthStore(mounted.pinia).login({ username: 'agent', password: 'x' })
  await mounted.router.push('/callbacks')
  await flushPromises()
  await mounted.wrapper.get('[data-test="callbacks-complete"]').trigger('click')
  await flushPromises()
  return mounted
}

const dialog = (): HTMLElement => document.querySelector<HTMLElement>('[data-test="callback-complete-dialog"]')!
const star = async (testId: string, n: number): Promise<void> => {
  document.querySelectorAll<HTMLElement>(`[data-test="${testId}"] .el-rate__item`)[n - 1].click()
  await flushPromises()
}
const errorAt = (testId: string): string | undefined =>
  document.querySelector(`[data-test="${testId}"]`)?.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim()

describe('the complete form', () => {
  it('sends the scores given and the problem only when one was found', () => {
    const draft = emptyCompleteDraft()
    draft.result = 'fair'
    draft.scores.design = 5
    draft.comment = '  还行  '
    expect(toCompleteInput(siteCallbackItem(), draft, 'Asia/Shanghai')).toEqual({ id: 71, version: 1, result: 'fair', rating: null, scores: { design: 5 }, comment: '还行' })
    draft.hasProblem = true
    draft.problem = { description: '阳台渗水', category: '工程质量', severity: '严重', departmentId: 3, personId: 21, dueAt: '2026-12-01 18:00' }
    expect(toCompleteInput(siteCallbackItem(), draft, 'Asia/Shanghai').problem).toEqual({
      description: '阳台渗水',
      category: '工程质量',
      severity: '严重',
      departmentId: 3,
      personId: 21,
      // 18:00 in Shanghai
      dueAt: '2026-12-01T10:00:00.000Z',
    })
    // a ticket's callback is not scored per dimension
    expect(toCompleteInput(callbackItem(), { ...emptyCompleteDraft(), result: 'satisfied', scores: { ...draft.scores } }, 'Asia/Shanghai')).not.toHaveProperty('scores')
  })

  it('puts the server’s problem and score messages at their fields', () => {
    expect(mapCompleteErrors({ 'problem.personId': '责任人不在该部门', 'scores.design': '设计评分不能大于5', comment: '太长' })).toEqual({ personId: '责任人不在该部门', scores: '设计评分不能大于5', comment: '太长' })
  })
})

describe('回访: the complete dialog', () => {
  it('asks a site’s customer for five scores and sends only the ones given', async () => {
    const { fake } = await openComplete(siteCallbackItem(), { 'callbacks.complete': () => siteCallbackItem({ status: 'done', result: 'satisfied', version: 2 }) })
    expect(dialog().textContent).toContain('HT2026-0088')
    expect([...dialog().querySelectorAll('[data-test^="callback-score-"]')].map((el) => el.getAttribute('data-test'))).toEqual([
      'callback-score-design',
      'callback-score-quality',
      'callback-score-tidiness',
      'callback-score-service',
      'callback-score-schedule',
    ])
    // no repair rating for a site
    expect(document.querySelector('[data-test="callback-rating"]')).toBeNull()
    await clickOn('[data-test="callback-result-satisfied"] input')
    await star('callback-score-quality', 4)
    await star('callback-score-service', 5)
    await clickOn('[data-test="callback-complete-save"]')
    expect(fake.callsOf('callbacks.complete').map((c) => c.input)).toEqual([{ id: 71, version: 1, result: 'satisfied', rating: null, scores: { quality: 4, service: 5 }, comment: null }])
    expect(fake.callsOf('callbacks.list')).toHaveLength(2)
  })

  it('needs a verdict first', async () => {
    const { fake } = await openComplete(siteCallbackItem())
    await clickOn('[data-test="callback-complete-save"]')
    expect(fake.callsOf('callbacks.complete')).toHaveLength(0)
    await vi.waitFor(() => expect(errorAt('callback-result')).toBe('请选择满意度'))
  })

  it('requires the 回访联系单’s fields when 发现问题 is on, in Chinese at each field, and sends nothing', async () => {
    const { fake } = await openComplete(siteCallbackItem(), { 'callbacks.complete': () => siteCallbackItem() })
    await clickOn('[data-test="callback-result-unsatisfied"] input')
    // a site's unsatisfied customer is pointed to 发现问题 (no ticket to reopen)
    expect(document.querySelector('[data-test="callback-problem-hint"]')?.textContent).toContain('发现问题')
    await clickOn('[data-test="callback-has-problem"]')
    expect(document.querySelector('[data-test="callback-problem"]')).not.toBeNull()
    expect(document.querySelector('[data-test="callback-problem-hint"]')).toBeNull()
    await clickOn('[data-test="callback-complete-save"]')
    expect(fake.callsOf('callbacks.complete')).toHaveLength(0)
    await vi.waitFor(() =>
      expect(['callback-problem-description', 'callback-problem-category', 'callback-problem-severity', 'ticket-department', 'ticket-person'].map(errorAt)).toEqual([
        '请填写问题描述',
        '请选择问题类别',
        '请选择严重程度',
        '请选择责任部门',
        '请选择责任人',
      ]),
    )
  })

  it('sends the problem and shows the 回访联系单 it raised, with a link', async () => {
    const { fake, wrapper } = await openComplete(siteCallbackItem(), {
      'callbacks.complete': () => siteCallbackItem({ status: 'done', result: 'unsatisfied', problemTicket: { id: 99, no: 'TS20261128-004' }, version: 2 }),
    })
    await clickOn('[data-test="callback-result-unsatisfied"] input')
    await typeInto('textarea[data-test="callback-comment"]', '客户说墙面有裂缝')
    await clickOn('[data-test="callback-has-problem"]')
    await typeInto('textarea[data-test="callback-problem-description"]', '客厅墙面开裂约 30 厘米')
    await pickOption(document.querySelector('[data-test="callback-problem-category"]')!, '工程质量')
    await clickOn('[data-test="callback-problem-severity-较重"] input')
    // the department's head is put in charge
    await pickOption(document.querySelector('[data-test="ticket-department"]')!, '工程部')
    await clickOn('[data-test="callback-complete-save"]')
    expect(fake.callsOf('callbacks.complete').map((c) => c.input)).toEqual([
      {
        id: 71,
        version: 1,
        result: 'unsatisfied',
        rating: null,
        comment: '客户说墙面有裂缝',
        problem: { description: '客厅墙面开裂约 30 厘米', category: '工程质量', severity: '较重', departmentId: 3, personId: 21, dueAt: null },
      },
    ])
    const notice = wrapper.get('[data-test="callback-problem-ticket"]')
    expect(notice.text()).toContain('已生成回访联系单 TS20261128-004')
    expect(notice.get('[data-test="callback-problem-ticket-link"]').attributes('href')).toContain('/tickets/99')
  })

  it('keeps what was typed and shows the server’s message at the field it names', async () => {
    const { fake } = await openComplete(siteCallbackItem(), {
      'callbacks.complete': () => {
        throw AppError.field('problem.personId', '责任人不属于该部门')
      },
    })
    await clickOn('[data-test="callback-result-fair"] input')
    await clickOn('[data-test="callback-has-problem"]')
    await typeInto('textarea[data-test="callback-problem-description"]', '门框掉漆')
    await pickOption(document.querySelector('[data-test="callback-problem-category"]')!, '工程质量')
    await clickOn('[data-test="callback-problem-severity-一般"] input')
    await pickOption(document.querySelector('[data-test="ticket-department"]')!, '工程部')
    await clickOn('[data-test="callback-complete-save"]')
    expect(fake.callsOf('callbacks.complete')).toHaveLength(1)
    await vi.waitFor(() => expect(errorAt('ticket-person')).toBe('责任人不属于该部门'))
    expect(document.querySelector<HTMLTextAreaElement>('textarea[data-test="callback-problem-description"]')!.value).toBe('门框掉漆')
  })

  it('records 不满意 on a ticket’s callback only with the customer’s reason, warning that the ticket reopens', async () => {
    const { fake } = await openComplete(callbackItem(), { 'callbacks.complete': (input) => callbackItem({ status: 'done', result: input.result as CallbackItem['result'], version: 2 }) })
    // a complaint's callback asks for no rating and no scores
    expect(document.querySelector('[data-test="callback-rating"]')).toBeNull()
    expect(document.querySelector('[data-test="callback-scores"]')).toBeNull()
    await clickOn('[data-test="callback-result-unsatisfied"] input')
    expect(document.querySelector('[data-test="callback-reopen-warning"]')?.textContent).toContain('将重开工单')
    await clickOn('[data-test="callback-complete-save"]')
    expect(fake.callsOf('callbacks.complete')).toHaveLength(0)

    await typeInto('textarea[data-test="callback-comment"]', '墙面还有水渍')
    await clickOn('[data-test="callback-complete-save"]')
    expect(fake.callsOf('callbacks.complete').map((c) => c.input)).toEqual([{ id: 61, version: 1, result: 'unsatisfied', rating: null, comment: '墙面还有水渍' }])
  })

  it('asks a repair’s customer for a rating, and Enter from the comment saves', async () => {
    const { fake } = await openComplete(callbackItem({ ticket: { id: 8, no: 'WX20261127-002' } }), { 'callbacks.complete': () => callbackItem({ status: 'done', result: 'satisfied' }) })
    await clickOn('[data-test="callback-result-satisfied"] input')
    await star('callback-rating', 4)
    expect(document.querySelector('[data-test="callback-closes-hint"]')?.textContent).toContain('WX20261127-002 将结案')
    const comment = document.querySelector<HTMLTextAreaElement>('textarea[data-test="callback-comment"]')!
    comment.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(fake.callsOf('callbacks.complete')[0].input).toEqual({ id: 61, version: 1, result: 'satisfied', rating: 4, comment: null })
  })
})
