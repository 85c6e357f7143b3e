import type { CallDetail, FollowUp, MissedItem, ScreenPop } from '@contract/calls.contract'
import type { ReplyTemplate } from '@contract/templates.contract'
import { designer, settings } from './fixtures'
import type { FakeHandler } from './fake-transport'

export function callDetail(overrides: Partial<CallDetail> = {}): CallDetail {
  return {
    id: 501,
    direction: 'in',
    rawNumber: '13800138000',
    display: '138 0013 8000',
    customer: null,
    agent: { id: 7, name: '陈客服' },
    status: 'talking',
    type: null,
    startedAt: '2025-03-01T02:00:00.000Z',
    talkSec: null,
    ringSec: null,
    summary: null,
    outcome: null,
    source: 'manual',
    normalized: '13800138000',
    extension: null,
    externalId: null,
    ringingAt: null,
    answeredAt: '2025-03-01T02:00:00.000Z',
    endedAt: null,
    followUpOn: null,
    details: null,
    followUpId: null,
    intakeSavedAt: null,
    version: 1,
    edits: [],
    ...overrides,
  }
}

export function newCallerPop(overrides: Partial<ScreenPop> = {}): ScreenPop {
  return { raw: '13800138000', normalized: '13800138000', display: '138 0013 8000', kind: 'mobile', region: '北京市', carrier: '中国移动', customer: null, following: null, recent: [], openItems: [], ...overrides }
}

export function knownCallerPop(overrides: Partial<ScreenPop> = {}): ScreenPop {
  return newCallerPop({
    raw: '+86-139-1234-5678',
    normalized: '13912345678',
    display: '139 1234 5678',
    region: '上海市',
    carrier: '中国联通',
    customer: {
      id: 42,
      name: '王芳',
      phone: '139 1234 5678',
      community: '翠湖天地',
      grade: 'A 重点',
      sourceChannel: '网络推广',
      followingDesigner: { id: 11, name: '张设计' },
      lastContactAt: null,
      createdAt: '2025-01-01T00:00:00Z',
      visitCount: 2,
      callCount: 5,
      ownerAgent: { id: 7, name: '陈客服' },
    },
    following: { designer: { id: 11, name: '张设计' }, since: '2025-03-01T00:00:00Z', protectedUntil: '2999-01-01T00:00:00Z', active: true },
    recent: [
      { kind: 'call', at: '2025-02-28T02:00:00Z', refId: 90, title: '来电 · 咨询', detail: '问报价', actor: '陈客服' },
      { kind: 'visit', at: '2025-02-20T06:30:00Z', refId: 12, title: '到店来访', detail: '', actor: '李前台' },
    ],
    openItems: [
      { kind: 'followUp', refId: 3, title: '待跟进（陈客服）', detail: '回访报价', at: '2025-02-27', overdue: true },
      { kind: 'appointment', refId: 8, title: '预约量房 2999-03-08 10:00', detail: '设计师：张设计', at: '2999-03-08T02:00:00Z', overdue: false },
    ],
    ...overrides,
  })
}

export function followUp(overrides: Partial<FollowUp> = {}): FollowUp {
  return {
    id: 31,
    dueOn: '2025-02-27',
    overdue: true,
    status: 'open',
    note: '回访报价',
    customer: { id: 42, name: '王芳' },
    display: '139 1234 5678',
    agent: { id: 7, name: '陈客服' },
    sourceCallId: 90,
    doneAt: null,
    doneCallId: null,
    ...overrides,
  }
}

export function missedItem(overrides: Partial<MissedItem> = {}): MissedItem {
  return {
    numberKey: '13700137000',
    display: '137 0013 7000',
    customer: null,
    count: 3,
    firstAt: '2025-03-01T01:00:00Z',
    lastAt: '2025-03-01T01:40:00Z',
    lastCallId: 77,
    handledAt: null,
    handledBy: null,
    handledNote: null,
    ...overrides,
  }
}

export function replyTemplate(overrides: Partial<ReplyTemplate> = {}): ReplyTemplate {
  return { id: 1, category: '报价', title: '报价说明', body: '您好，我们的报价包含设计、主材和施工。', keywords: ['价格'], sortOrder: 0, updatedAt: '2025-01-01T00:00:00Z', version: 1, ...overrides }
}

export const templateList: ReplyTemplate[] = [
  replyTemplate(),
  replyTemplate({ id: 2, category: '售后', title: '保修政策', body: '水电隐蔽工程保修五年。', keywords: ['保修', '质保'], sortOrder: 1 }),
  replyTemplate({ id: 3, category: '售后', title: '报修流程', body: '请提供小区和门牌号，维修师傅会在24小时内联系您。', keywords: ['维修'], sortOrder: 2 }),
]

/** What the desk asks for when it opens, answered with nothing pending. */
export const deskHandlers: Record<string, FakeHandler> = {
  'settings.get': () => settings,
  'org.listPeople': () => [designer(11, '张设计'), designer(12, '刘设计')],
  'templates.list': () => templateList,
  'calls.followUps': () => [],
  'calls.missed': () => [],
  'calls.screenPop': () => newCallerPop(),
  'calls.start': (input) => callDetail({ direction: input.direction as 'in' | 'out', rawNumber: String(input.phone) }),
  'calls.saveIntake': (input) => callDetail({ id: Number(input.id), version: Number(input.version) + 1, intakeSavedAt: '2025-03-01T02:05:00Z', status: 'answered' }),
}
