/**
 * Erlang C: how many agents an hour of calls needs. Calls arrive at random (Poisson), wait in one
 * queue and are answered by the first free agent; nobody hangs up. The staffing screen asks it for
 * each weekday × hour of the company's week.
 */
export interface ErlangInput {
  /** calls arriving in the interval */
  calls: number
  /** the interval's length in seconds (3600 for an hour) */
  intervalSec: number
  /** average handle time in seconds (talk + wrap-up) */
  ahtSec: number
}

export interface Staffing {
  /** offered traffic in Erlangs: arrival rate × handle time */
  traffic: number
  agents: number
  /** probability that a call waits at all */
  waitProbability: number
  /** share answered within the target time, 0–1 */
  serviceLevel: number
  /** average speed of answer, seconds */
  asaSec: number
  /** share of the agents' time on calls */
  occupancy: number
}

export function trafficOf({ calls, intervalSec, ahtSec }: ErlangInput): number {
  return (calls / intervalSec) * ahtSec
}

/**
 * The probability that a call waits, with `agents` agents and `traffic` Erlangs offered; 1 when
 * the agents cannot keep up (traffic ≥ agents). Computed through Erlang B's recursion, which stays
 * exact where A^N/N! overflows.
 */
export function waitProbability(traffic: number, agents: number): number {
  if (traffic <= 0) return 0
  if (agents <= traffic) return 1
  let erlangB = 1
  for (let n = 1; n <= agents; n++) erlangB = (traffic * erlangB) / (n + traffic * erlangB)
  return (agents * erlangB) / (agents - traffic * (1 - erlangB))
}

/** The queue's figures for a given number of agents and a target answer time. */
export function staffingWith(input: ErlangInput, agents: number, targetSec: number): Staffing {
  const traffic = trafficOf(input)
  const pw = waitProbability(traffic, agents)
  if (pw >= 1) return { traffic, agents, waitProbability: 1, serviceLevel: 0, asaSec: Infinity, occupancy: agents === 0 ? 1 : Math.min(1, traffic / agents) }
  const spare = agents - traffic
  return {
    traffic,
    agents,
    waitProbability: pw,
    serviceLevel: 1 - pw * Math.exp((-spare * targetSec) / input.ahtSec),
    asaSec: (pw * input.ahtSec) / spare,
    occupancy: agents === 0 ? 0 : traffic / agents,
  }
}

/** The fewest agents that answer `targetShare` (0–1) of the calls within `targetSec`; 0 when no calls come. */
export function agentsNeeded(input: ErlangInput, targetShare: number, targetSec: number): Staffing {
  const traffic = trafficOf(input)
  if (traffic <= 0) return { traffic: 0, agents: 0, waitProbability: 0, serviceLevel: 1, asaSec: 0, occupancy: 0 }
  for (let agents = Math.max(1, Math.floor(traffic) + 1); ; agents++) {
    const staffing = staffingWith(input, agents, targetSec)
    if (staffing.serviceLevel >= targetShare) return staffing
  }
}
