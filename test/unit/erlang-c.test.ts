import { describe, expect, it } from 'vitest'
import { agentsNeeded, staffingWith, trafficOf, waitProbability } from '../../main/services/erlang-c'

describe('Erlang C', () => {
  it('matches the closed form on a small queue: 2 Erlangs on 3 agents wait with probability 4/9', () => {
    // C(3, 2) = (2³/3! · 3/(3−2)) / (1 + 2 + 2²/2! + 2³/3! · 3) = 4 / 9
    expect(waitProbability(2, 3)).toBeCloseTo(4 / 9, 12)
    // one agent is an M/M/1 queue: the chance to wait is the utilisation
    expect(waitProbability(0.7, 1)).toBeCloseTo(0.7, 12)
  })

  it('reproduces the textbook example: 100 calls in 30 minutes, 3-minute handle time, 80 % in 20 s needs 14 agents', () => {
    const input = { calls: 100, intervalSec: 1800, ahtSec: 180 }
    expect(trafficOf(input)).toBe(10)
    // the published table for 10 Erlangs: probability of waiting with 11…14 agents
    expect([11, 12, 13, 14].map((n) => Number(waitProbability(10, n).toFixed(4)))).toEqual([0.6821, 0.4494, 0.2853, 0.1741])
    const thirteen = staffingWith(input, 13, 20)
    expect(thirteen.serviceLevel).toBeCloseTo(0.7956, 4)
    const needed = agentsNeeded(input, 0.8, 20)
    expect(needed.agents).toBe(14)
    expect(needed.serviceLevel).toBeCloseTo(0.8884, 4)
    expect(needed.asaSec).toBeCloseTo(7.8, 1)
    expect(needed.occupancy).toBeCloseTo(10 / 14, 12)
  })

  it('stays exact where A^N/N! would overflow, and has no answer below the traffic', () => {
    // 400 Erlangs: N! alone overflows a double at N = 171
    const p = waitProbability(400, 420)
    expect(p).toBeGreaterThan(0)
    expect(p).toBeLessThan(1)
    expect(waitProbability(10, 10)).toBe(1)
    expect(staffingWith({ calls: 100, intervalSec: 1800, ahtSec: 180 }, 9, 20)).toMatchObject({ serviceLevel: 0, waitProbability: 1 })
    expect(agentsNeeded({ calls: 0, intervalSec: 3600, ahtSec: 180 }, 0.8, 20)).toMatchObject({ agents: 0, serviceLevel: 1 })
  })

  it('a stricter target never needs fewer agents', () => {
    const input = { calls: 240, intervalSec: 3600, ahtSec: 240 }
    const counts = [0.7, 0.8, 0.9, 0.95].map((share) => agentsNeeded(input, share, 20).agents)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
    expect(agentsNeeded(input, 0.8, 10).agents).toBeGreaterThanOrEqual(agentsNeeded(input, 0.8, 30).agents)
  })
})
