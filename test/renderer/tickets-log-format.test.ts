import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@renderer/i18n'
import { logDetails, type LogContext } from '@renderer/views/tickets/ticket-log-format'
import { formatBytes, refusalOf } from '@renderer/views/tickets/ticket-files'
import { ATTACHMENT_MAX_BYTES } from '@contract/tickets.contract'

const i18n = createAppI18n('zh-CN')
const ctx: LogContext = {
  t: (key, params) => i18n.global.t(key, params ?? {}),
  te: (key) => i18n.global.te(key),
  timeZone: 'Asia/Shanghai',
  departmentName: (id) => ({ 2: '工程部', 3: '材料部' })[id] ?? null,
  personName: (id) => ({ 21: '李工', 31: '赵经理' })[id] ?? null,
}

describe('the handling log in words', () => {
  it('names the people a ticket was reassigned between, from the org chart', () => {
    expect(logDetails({ action: 'reassign', data: { from: { departmentId: 2, personId: 21 }, to: { departmentId: 3, personId: 31 } } }, ctx)).toEqual(['工程部 · 李工 → 材料部 · 赵经理'])
    expect(logDetails({ action: 'reassign', data: { from: { departmentId: null, personId: null }, to: { departmentId: 9, personId: 31 } } }, ctx)).toEqual(['改派给 #9 · 赵经理'])
  })

  it('says how far an escalation climbed and whom it told', () => {
    expect(logDetails({ action: 'escalate', data: { level: 2, deadline: 'resolution', notified: ['周经理', '吴经理'] } }, ctx)).toEqual(['上报至客服经理', '已通知：周经理、吴经理'])
  })

  it('spells out corrections, pauses, deadlines, files, verdicts and proposed assessments', () => {
    expect(logDetails({ action: 'update', data: { fields: ['severity', 'workerId', 'mystery'] } }, ctx)).toEqual(['修改了：严重程度、维修工、mystery'])
    expect(logDetails({ action: 'resume', data: { pausedSec: 2 * 86400 + 3600 } }, ctx)).toEqual(['本次挂起 2天1小时'])
    expect(logDetails({ action: 'suspend', data: { reason: 'supplier' } }, ctx)).toEqual(['等待供应商'])
    expect(logDetails({ action: 'dispatch', data: { dueAt: '2025-03-06T10:00:00.000Z' } }, ctx)).toEqual(['限期 2025-03-06 18:00 前解决'])
    expect(logDetails({ action: 'dispatch', data: { to: { departmentId: 2, personId: 21 } } }, ctx)).toEqual(['派给 工程部 · 李工'])
    expect(logDetails({ action: 'attach', data: { name: '漏水.jpg', size: 2048 } }, ctx)).toEqual(['漏水.jpg（2 KB）'])
    expect(logDetails({ action: 'close', data: { satisfaction: 'fair', rating: 4 } }, ctx)).toEqual(['基本满意', '评分 4 分'])
    expect(logDetails({ action: 'leaderComplaint', data: { target: 'generalManager', person: '李工', proposedFen: 20000 } }, ctx)).toEqual(['投诉到总经理', '建议考核 李工 ¥200.00'])
    expect(logDetails({ action: 'create', data: { repeatOf: 'TS20250201-003' } }, ctx)).toEqual(['重复投诉，前次 TS20250201-003'])
  })

  it('adds nothing for lines without data or of kinds it does not know', () => {
    expect(logDetails({ action: 'respond', data: null }, ctx)).toEqual([])
    expect(logDetails({ action: 'note', data: { assessmentId: 3 } }, ctx)).toEqual([])
    expect(logDetails({ action: 'escalate', data: { level: 'high' } }, ctx)).toEqual([])
  })
})

describe('files checked before they travel', () => {
  it('refuses what the core would refuse by size or declared type', () => {
    expect(refusalOf({ size: 1000, type: 'image/jpeg' })).toBeNull()
    expect(refusalOf({ size: ATTACHMENT_MAX_BYTES, type: 'application/pdf' })).toBeNull()
    expect(refusalOf({ size: ATTACHMENT_MAX_BYTES + 1, type: 'image/png' })).toEqual({ reason: 'tooLarge' })
    expect(refusalOf({ size: 10, type: 'image/gif' })).toEqual({ reason: 'badType' })
    expect(refusalOf({ size: 10, type: '' })).toEqual({ reason: 'badType' })
  })

  it('shows sizes as a file list does', () => {
    expect(formatBytes(ATTACHMENT_MAX_BYTES)).toBe('10 MB')
    expect(formatBytes(1536 * 1024)).toBe('1.5 MB')
    expect(formatBytes(839_680)).toBe('820 KB')
    expect(formatBytes(512)).toBe('512 B')
  })
})
