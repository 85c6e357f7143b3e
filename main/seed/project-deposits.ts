import type { DepositStatus } from '../contract/deposits.contract'
import { sqlNumber as n, sqlText as q, sqlTime as ts } from './bulk-insert'
import type { DayBook } from './project-days'
import type { CustomerPool, PoolCustomer, ProjectOrg } from './project-people'
import { DEPOSIT_FOLLOW_UPS, DEPOSIT_NOTES, LOST_REASONS } from './project-texts'
import type { Rng } from './random'

const MINUTE = 60_000
/** 定金 in yuan: ¥5,000 and ¥10,000 are what most showrooms ask. */
const AMOUNTS = [2000, 3000, 5000, 5000, 5000, 8000, 10000, 10000, 20000]

export interface DepositDraft {
  id: number
  customer: PoolCustomer
  designerId: number
  paidDay: number
  status: DepositStatus
  /** the signing (signed) or the day the client was given up (lost) */
  outcomeDay: number | null
  /** signed: the contract's entry, when the deposit turned 已签约 */
  outcomeAt: number | null
}

export interface DepositWorld {
  rng: Rng
  book: DayBook
  now: number
  org: ProjectOrg
}

export interface DepositRows {
  deposits: string[]
  followUps: string[]
}

/**
 * The deposit row and its follow-ups (电话、面谈) as the services store them: a pending client is
 * followed every week or so, the last note saying when to call next; a signed or lost one was
 * followed until the outcome.
 */
export function depositRows(w: DepositWorld, d: DepositDraft): DepositRows {
  const { rng, book, org } = w
  const createdBy = rng.pick(org.writers)
  const createdAt = book.officeBy(rng, d.paidDay, w.now)
  const until = d.outcomeDay ?? 0
  const followUps: string[] = []
  let day = d.paidDay
  let lastAt: number | null = null
  let nextOn: number | null = null
  const wanted = d.status === 'pending' ? Math.min(6, Math.floor((until - d.paidDay) / rng.int(5, 12))) : rng.int(d.status === 'lost' ? 1 : 0, 3)
  for (let i = 0; i < wanted; i++) {
    const room = until - day - (d.status === 'pending' ? 0 : 1)
    if (room < 1) break
    day += Math.min(room, rng.int(2, Math.max(2, Math.min(10, room))))
    const at = Math.max(book.officeBy(rng, day, w.now), (lastAt ?? createdAt) + MINUTE)
    if (at > w.now) break
    nextOn = day + rng.int(3, 10)
    const next = d.status === 'pending' || i < wanted - 1 ? book.text(nextOn) : null
    followUps.push(`(${[d.id, ts(at), rng.pick(org.writers), q(rng.pick(DEPOSIT_FOLLOW_UPS)), q(next)].join(',')})`)
    lastAt = at
  }
  const pendingNext = d.status === 'pending' ? (nextOn !== null ? book.text(nextOn) : rng.chance(0.7) ? book.text(d.paidDay + rng.int(3, 7)) : null) : null
  const outcomeAt = d.status === 'signed' ? (d.outcomeAt ?? w.now) : d.status === 'lost' ? Math.max(book.officeBy(rng, until, w.now), (lastAt ?? createdAt) + MINUTE) : null
  const consultantId = org.consultants.length && rng.chance(0.55) ? rng.pick(org.consultants) : null
  const version = 1 + followUps.length + (d.status === 'pending' ? 0 : 1)
  const values = [
    d.id, d.customer.id, d.designerId, n(consultantId), rng.pick(AMOUNTS) * 100, q(book.text(d.paidDay)), q(d.status), followUps.length, ts(lastAt),
    q(pendingNext), q(d.outcomeDay === null ? null : book.text(d.outcomeDay)), q(d.status === 'lost' ? rng.pick(LOST_REASONS) : null), q(rng.pick(DEPOSIT_NOTES)),
    createdBy, ts(createdAt), ts(Math.min(w.now, outcomeAt ?? lastAt ?? createdAt)), version,
  ]
  return { deposits: [`(${values.join(',')})`], followUps }
}

/** Clients who paid a deposit and have not signed: most recent, some long pending (待签预警). */
export function drawPending(w: DepositWorld, pool: CustomerPool, count: number, designerOf: (c: PoolCustomer) => number): Omit<DepositDraft, 'id'>[] {
  const { rng, book } = w
  const out: Omit<DepositDraft, 'id'>[] = []
  for (let i = 0; i < count; i++) {
    const age = rng.chance(0.7) ? rng.int(0, 30) : rng.int(31, 120)
    const customer = pool.take(rng, book.start(-age) - 3600_000, 60)
    if (!customer) break
    out.push({ customer, designerId: designerOf(customer), paidDay: -age, status: 'pending', outcomeDay: null, outcomeAt: null })
  }
  return out
}

/** Clients who paid and were lost after weeks of following. */
export function drawLost(w: DepositWorld, pool: CustomerPool, count: number, history: number, designerOf: (c: PoolCustomer) => number): Omit<DepositDraft, 'id'>[] {
  const { rng, book } = w
  const out: Omit<DepositDraft, 'id'>[] = []
  for (let i = 0; i < count; i++) {
    const age = rng.int(20, Math.max(40, Math.min(900, history)))
    const customer = pool.take(rng, book.start(-age) - 3600_000, 90)
    if (!customer) break
    out.push({ customer, designerId: designerOf(customer), paidDay: -age, status: 'lost', outcomeDay: Math.min(0, -age + rng.int(7, 90)), outcomeAt: null })
  }
  return out
}
