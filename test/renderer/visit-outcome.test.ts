import { describe, expect, it } from 'vitest'
import { leadingChoice, outcomeValue, pickOutcome } from '@renderer/views/visits/visit-outcome'

describe('接待结果 quick picks', () => {
  it('puts a picked chip in front and keeps what the receptionist typed after it', () => {
    expect(pickOutcome('', '已约量房')).toBe('已约量房')
    expect(pickOutcome('周六上午再来', '考虑中')).toBe('考虑中，周六上午再来')
  })

  it('replaces a chip picked before instead of piling chips up', () => {
    expect(pickOutcome('考虑中', '已交定金')).toBe('已交定金')
    expect(pickOutcome('考虑中，周末再来', '已约量房')).toBe('已约量房，周末再来')
    expect(pickOutcome('考虑中 周末再来', '已约量房')).toBe('已约量房，周末再来')
  })

  it('knows which chip an outcome starts with, and only a whole one', () => {
    expect(leadingChoice('已约量房，周六上午')).toBe('已约量房')
    expect(leadingChoice('已约量房')).toBe('已约量房')
    expect(leadingChoice('已约量房间')).toBeNull()
    expect(leadingChoice('客户说考虑中')).toBeNull()
  })

  it('sends blank as null and trims the rest', () => {
    expect(outcomeValue('   ')).toBeNull()
    expect(outcomeValue(' 已交定金 ')).toBe('已交定金')
  })
})
