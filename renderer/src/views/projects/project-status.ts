import { MILESTONES, PAYMENT_STAGES, type Milestone, type PaymentStage, type ProjectDetail, type ProjectItem, type ProjectStatus } from '@contract/projects.contract'

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger'

export const STATUS_TAG: Record<ProjectStatus, TagType> = {
  pending: 'info',
  building: 'primary',
  stopped: 'warning',
  completed: 'success',
  warranty: 'success',
  expired: 'info',
  cancelled: 'danger',
}

/** A site still being built (or waiting to be): the only ones whose course can change. */
const UNDER_WAY: readonly ProjectStatus[] = ['pending', 'building', 'stopped']

export type SiteAction = 'edit' | 'stop' | 'resume' | 'settle' | 'cancel'

/**
 * What can be done to the site as it stands: 停工 while building, 复工 while stopped, 交财务结算
 * once completed and not yet handed over, 取消 until completion; a cancelled site is closed.
 */
export function siteActions(project: Pick<ProjectItem, 'status' | 'milestones' | 'settlementSentOn'>): SiteAction[] {
  const { status } = project
  if (status === 'cancelled') return []
  const actions: SiteAction[] = ['edit']
  if (status === 'building') actions.push('stop')
  if (status === 'stopped') actions.push('resume')
  if (project.milestones.completion.actualOn && !project.settlementSentOn) actions.push('settle')
  if (UNDER_WAY.includes(status)) actions.push('cancel')
  return actions
}

export type MilestoneState = { kind: 'done' } | { kind: 'recordable' } | { kind: 'waiting'; previous: Milestone } | { kind: 'stopped' } | { kind: 'closed' }

/**
 * Milestones are recorded in order (开工 → 材料进场 → 中期验收 → 竣工): only the first one not yet
 * reached can be recorded, and only while the site is waiting to start or being built.
 */
export function milestoneState(project: Pick<ProjectItem, 'status' | 'milestones'>, milestone: Milestone): MilestoneState {
  if (project.milestones[milestone].actualOn) return { kind: 'done' }
  if (project.status === 'cancelled') return { kind: 'closed' }
  const index = MILESTONES.indexOf(milestone)
  const missing = MILESTONES.slice(0, index).filter((m) => !project.milestones[m].actualOn)
  if (missing.length) return { kind: 'waiting', previous: missing[missing.length - 1] }
  if (project.status === 'stopped') return { kind: 'stopped' }
  return project.status === 'pending' || project.status === 'building' ? { kind: 'recordable' } : { kind: 'closed' }
}

export function recordableMilestones(project: Pick<ProjectItem, 'status' | 'milestones'>): Milestone[] {
  return MILESTONES.filter((m) => milestoneState(project, m).kind === 'recordable')
}

/** A stage with money in it, not yet paid, on a site that was not cancelled; each is paid once. */
export function payableStages(project: Pick<ProjectDetail, 'status' | 'payments'>): PaymentStage[] {
  if (project.status === 'cancelled') return []
  return PAYMENT_STAGES.filter((stage) => {
    const payment = project.payments.find((p) => p.stage === stage)
    return payment !== undefined && payment.amountFen > 0 && !payment.paidOn
  })
}

export type PaymentState = 'paid' | 'owed' | 'notDue' | 'unknown'

export function paymentState(payment: { dueOn: string | null; paidOn: string | null }, today: string): PaymentState {
  if (payment.paidOn) return 'paid'
  if (!payment.dueOn) return 'unknown'
  return payment.dueOn <= today ? 'owed' : 'notDue'
}
