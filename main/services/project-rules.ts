import { AppError } from '../contract/errors'
import { MILESTONE_LABELS, MILESTONES, PAYMENT_DUE_AT, PAYMENT_STAGES, type Milestone, type PaymentStage, type ProjectPayment, type ProjectStatus } from '../contract/projects.contract'
import { shiftMonths } from '../contract/time'
import type { ProjectRow, StoredProjectStatus } from '../../database/entities'

type Dates = Pick<ProjectRow, 'startOn' | 'materialOn' | 'midtermOn' | 'completionOn'>
type Planned = Record<Milestone, string | null>

export const actualOf = (p: Dates, m: Milestone): string | null => p[`${m}On`]
export const plannedOf = (p: ProjectRow, m: Milestone): string | null => p[`${m}PlannedOn`]
export const paidOnOf = (p: ProjectRow, stage: PaymentStage): string | null => p[`${stage}PaidOn`]
export const amountOf = (p: Pick<ProjectRow, 'firstFen' | 'midtermFen' | 'finalFen'>, stage: PaymentStage): number => p[`${stage}Fen`]

/**
 * The status kept on the row (for filters and counts) follows from the dates, the open stop and
 * the cancellation; 保修期满 depends on the day, so it is decided when read (`effectiveStatus`).
 */
export function storedStatusOf(p: Pick<ProjectRow, 'cancelledOn' | 'completionOn' | 'finalPaidOn' | 'startOn' | 'finalFen'>, stopped: boolean): StoredProjectStatus {
  if (p.cancelledOn) return 'cancelled'
  if (p.completionOn) return p.finalPaidOn || p.finalFen === 0 ? 'warranty' : 'completed'
  if (stopped) return 'stopped'
  return p.startOn ? 'building' : 'pending'
}

export function effectiveStatus(stored: StoredProjectStatus, warrantyEndsOn: string | null, today: string): ProjectStatus {
  return stored === 'warranty' && warrantyEndsOn !== null && warrantyEndsOn < today ? 'expired' : stored
}

export function warrantyEndsOn(completionOn: string | null, warrantyYears: number): string | null {
  return completionOn ? shiftMonths(completionOn, warrantyYears * 12) : null
}

/**
 * Recorded milestones must keep their order (开工 ≤ 材料进场 ≤ 中期验收 ≤ 竣工验收), none before
 * the signing nor after today. `field` names the input the error belongs to.
 */
export function checkActualDates(p: Dates & { signedOn: string }, today: string, field: (m: Milestone) => string): void {
  let previous: { m: Milestone; on: string } | null = null
  for (const m of MILESTONES) {
    const on = actualOf(p, m)
    if (!on) continue
    if (on > today) throw AppError.field(field(m), `${MILESTONE_LABELS[m]}日期不能晚于今天`)
    if (on < p.signedOn) throw AppError.field(field(m), `${MILESTONE_LABELS[m]}日期不能早于签约日期 ${p.signedOn}`)
    if (previous && on < previous.on) throw AppError.field(field(m), `${MILESTONE_LABELS[m]}日期不能早于${MILESTONE_LABELS[previous.m]}（${previous.on}）`)
    previous = { m, on }
  }
}

export function checkPlannedDates(planned: Planned, signedOn: string): void {
  let previous: { m: Milestone; on: string } | null = null
  for (const m of MILESTONES) {
    const on = planned[m]
    if (!on) continue
    if (on < signedOn) throw AppError.field(`planned.${m}`, `计划${MILESTONE_LABELS[m]}日期不能早于签约日期`)
    if (previous && on < previous.on) throw AppError.field(`planned.${m}`, `计划${MILESTONE_LABELS[m]}日期不能早于计划${MILESTONE_LABELS[previous.m]}日期`)
    previous = { m, on }
  }
}

export function checkPayments(payments: Record<PaymentStage, number>, amountFen: number): void {
  const total = PAYMENT_STAGES.reduce((sum, s) => sum + payments[s], 0)
  if (total > amountFen) throw AppError.field('payments', `首期款、中期款、尾款合计 ¥${(total / 100).toFixed(2)} 超过合同金额 ¥${(amountFen / 100).toFixed(2)}`)
}

/** When a stage falls due: at signing, or at its milestone (actual, else planned); null while unknown. */
export function paymentDueOn(p: ProjectRow, stage: PaymentStage): string | null {
  const at = PAYMENT_DUE_AT[stage]
  return at === 'signed' ? p.signedOn : (actualOf(p, at) ?? plannedOf(p, at))
}

export function paymentsOf(p: ProjectRow): ProjectPayment[] {
  return PAYMENT_STAGES.map((stage) => ({ stage, amountFen: amountOf(p, stage), dueOn: paymentDueOn(p, stage), paidOn: paidOnOf(p, stage) }))
}

/** Stages due by `today` (signing, or their milestone's actual else planned date) and not paid. */
export function owedFen(p: ProjectRow, today: string): number {
  if (p.cancelledOn) return 0
  return PAYMENT_STAGES.reduce((sum, stage) => {
    const due = paymentDueOn(p, stage)
    return due !== null && due <= today && !paidOnOf(p, stage) ? sum + amountOf(p, stage) : sum
  }, 0)
}

export function nextMilestone(p: ProjectRow): { milestone: Milestone; plannedOn: string | null } | null {
  if (p.cancelledOn) return null
  const m = MILESTONES.find((x) => !actualOf(p, x))
  return m ? { milestone: m, plannedOn: plannedOf(p, m) } : null
}
