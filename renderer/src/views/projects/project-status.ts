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

export type MilestoneState = { kind: 'done'; correctable: boolean } | { kind: 'recordable'; next: boolean } | { kind: 'waiting'; previous: Milestone } | { kind: 'stopped' } | { kind: 'closed' }

/**
 * What the milestones table offers, as the core accepts it: 开工 first; after it any milestone not
 * yet reached (a site may skip 材料进场), the next one in order as the main step; nothing new
 * while stopped (复工 first) or once completed; a recorded date can be corrected until cancelled.
 */
export function milestoneState(project: Pick<ProjectItem, 'status' | 'milestones'>, milestone: Milestone): MilestoneState {
  if (project.milestones[milestone].actualOn) return { kind: 'done', correctable: project.status !== 'cancelled' }
  if (project.status === 'cancelled') return { kind: 'closed' }
  if (project.status === 'stopped') return { kind: 'stopped' }
  if (milestone !== 'start' && !project.milestones.start.actualOn) return { kind: 'waiting', previous: 'start' }
  if (project.status !== 'pending' && project.status !== 'building') return { kind: 'closed' }
  const next = MILESTONES.find((m) => !project.milestones[m].actualOn)
  return { kind: 'recordable', next: next === milestone }
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
