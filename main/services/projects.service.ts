import { IsNull, type EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import { AppError } from '../contract/errors'
import type { PersonKind } from '../contract/org.contract'
import { MILESTONE_LABELS, PAYMENT_STAGE_LABELS, PAYMENT_STAGES, PROJECT_STATUS_LABELS, type Milestone, type PaymentStage, type ProjectDetail } from '../contract/projects.contract'
import { repo, type ProjectRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { CallbackPlans } from './callback-plans'
import type { EventBus } from './event-bus'
import { amountOf, checkActualDates, checkPayments, checkPlannedDates, paidOnOf, storedStatusOf, warrantyEndsOn } from './project-rules'
import type { ProjectReads } from './project-reads'
import type { SettingsService } from './settings.service'

export interface ContractFields {
  contractNo: string
  address: string
  designerId: number
  projectManagerId: number | null
  supervisorId: number | null
  crewId: number | null
  agentId: number | null
  amountFen: number
  signedOn: string
  planned: Record<Milestone, string | null>
  payments: Record<PaymentStage, number>
  note: string | null
}

type Versioned = { id: number; version: number }

/**
 * Contracts and their sites: signing (a pending deposit becomes signed), milestones, payments,
 * stops, cancellation and the hand-over for settlement. Every change re-derives the site's
 * callback plan in the same transaction and is written to the project log.
 */
export class ProjectsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly plans: CallbackPlans,
    private readonly events: EventBus,
    private readonly now: () => Date,
    readonly reads: ProjectReads,
  ) {}

  async create(input: ContractFields & { customerId: number; depositId: number | null }, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    const now = this.now()
    const today = this.plans.today()
    checkPlannedDates(input.planned, input.signedOn)
    checkPayments(input.payments, input.amountFen)
    if (input.signedOn > today) throw AppError.field('signedOn', '签约日期不能晚于今天')
    const id = await this.store.write(async (em) => {
      if (!(await repo(em, 'customer').existsBy({ id: input.customerId }))) throw AppError.field('customerId', '客户不存在')
      await this.checkContract(em, input, null)
      if (input.depositId) {
        const deposit = await repo(em, 'deposit').findOneBy({ id: input.depositId })
        if (!deposit) throw AppError.field('depositId', '定金记录不存在')
        if (deposit.customerId !== input.customerId) throw AppError.field('depositId', '这笔定金属于另一位客户')
        if (deposit.status !== 'pending') throw AppError.field('depositId', deposit.status === 'signed' ? '这笔定金已签约' : '这笔定金已登记为流失')
        if (input.signedOn < deposit.paidOn) throw AppError.field('signedOn', `签约日期不能早于交定日期 ${deposit.paidOn}`)
        await this.setDeposit(em, deposit.id, deposit.version, { status: 'signed', outcomeOn: input.signedOn }, now)
      }
      const row: Omit<ProjectRow, 'id'> = {
        ...contractColumns(input),
        customerId: input.customerId,
        depositId: input.depositId,
        startOn: null,
        materialOn: null,
        midtermOn: null,
        completionOn: null,
        firstPaidOn: null,
        midtermPaidOn: null,
        finalPaidOn: null,
        status: 'pending',
        warrantyEndsOn: null,
        settlementSentOn: null,
        cancelledOn: null,
        cancelReason: null,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      }
      const projectId = await insertRows(em, 'project', row)
      await this.log(em, projectId, user, now, 'create', { contractNo: input.contractNo })
      return projectId
    })
    this.changed(id, input.depositId)
    return this.reads.detail(id, user)
  }

  async update(input: ContractFields & Versioned, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    checkPlannedDates(input.planned, input.signedOn)
    checkPayments(input.payments, input.amountFen)
    return this.change(input, user, async (em, p) => {
      if (p.status === 'cancelled') throw new AppError('VALIDATION', '合同已取消，不能再修改')
      await this.checkContract(em, input, p.id)
      if (input.signedOn > this.plans.today()) throw AppError.field('signedOn', '签约日期不能晚于今天')
      checkActualDates({ ...p, signedOn: input.signedOn }, this.plans.today(), () => 'signedOn')
      const firstPaid = PAYMENT_STAGES.map((stage) => paidOnOf(p, stage)).filter((d): d is string => d !== null).sort()[0]
      if (firstPaid && input.signedOn > firstPaid) throw AppError.field('signedOn', `签约日期不能晚于已到账款项的日期 ${firstPaid}`)
      if (p.depositId) {
        const deposit = await repo(em, 'deposit').findOne({ select: { paidOn: true }, where: { id: p.depositId } })
        if (deposit && input.signedOn < deposit.paidOn) throw AppError.field('signedOn', `签约日期不能早于交定日期 ${deposit.paidOn}`)
      }
      for (const stage of PAYMENT_STAGES) {
        if (paidOnOf(p, stage) && input.payments[stage] !== amountOf(p, stage)) throw AppError.field(`payments.${stage}`, `${PAYMENT_STAGE_LABELS[stage]}已到账，金额不能再改`)
      }
      const columns = contractColumns(input)
      const fields = Object.keys(columns).filter((k) => columns[k as keyof typeof columns] !== p[k as keyof ProjectRow])
      if (fields.length === 0) return null
      if (input.agentId !== p.agentId) {
        // the site's open plan callbacks follow the new 跟进客服; ones a colleague claimed stay theirs
        await em
          .createQueryBuilder()
          .update('callback')
          .set({ agentId: input.agentId, updatedAt: this.now(), version: () => 'version + 1' })
          .where("project_id = :id AND status = 'open' AND plan_key IS NOT NULL AND (agent_id = :old OR (agent_id IS NULL AND :old IS NULL))", { id: p.id, old: p.agentId })
          .execute()
      }
      return { changes: columns, action: 'update', data: { fields: fields.map((f) => CONTRACT_FIELD_LABELS[f as keyof typeof columns]).join('、') } }
    })
  }

  async recordMilestone(input: Versioned & { milestone: Milestone; on: string; note: string | null }, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    const label = MILESTONE_LABELS[input.milestone]
    return this.change(input, user, async (em, p) => {
      if (p.status === 'cancelled') throw new AppError('VALIDATION', '合同已取消，不能登记节点')
      if (p.status === 'stopped' && !p[`${input.milestone}On`]) throw new AppError('VALIDATION', `工地停工中，请先登记复工再登记${label}`)
      if (input.milestone !== 'start' && !p.startOn) throw AppError.field('milestone', `尚未开工，不能登记${label}`)
      const previous = p[`${input.milestone}On`]
      if (previous === input.on) return null
      const next = { ...p, [`${input.milestone}On`]: input.on }
      checkActualDates(next, this.plans.today(), (m) => (m === input.milestone ? 'on' : 'milestone'))
      const firstStop = await this.firstStopOn(em, p.id)
      if (input.milestone === 'start' && firstStop && input.on > firstStop) throw AppError.field('on', `开工日期不能晚于停工日期 ${firstStop}`)
      const changes: Partial<ProjectRow> = { [`${input.milestone}On`]: input.on }
      if (input.milestone === 'completion') {
        changes.warrantyEndsOn = warrantyEndsOn(input.on, this.settings.get().warrantyDefaultYears)
        // repairs measure their warranty from the customer's completion date
        await repo(em, 'customer').update({ id: p.customerId }, { completedOn: input.on })
      }
      return { changes, action: 'milestone', data: { milestone: input.milestone, on: input.on, previous, note: input.note } }
    })
  }

  async recordPayment(input: Versioned & { stage: PaymentStage; paidOn: string }, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    const label = PAYMENT_STAGE_LABELS[input.stage]
    return this.change(input, user, async (_em, p) => {
      if (p.status === 'cancelled') throw new AppError('VALIDATION', '合同已取消，不能登记到账')
      if (amountOf(p, input.stage) === 0) throw AppError.field('stage', `合同没有约定${label}`)
      if (paidOnOf(p, input.stage)) throw AppError.field('stage', `${label}已于 ${paidOnOf(p, input.stage)} 到账`)
      if (input.paidOn > this.plans.today()) throw AppError.field('paidOn', '到账日期不能晚于今天')
      if (input.paidOn < p.signedOn) throw AppError.field('paidOn', `到账日期不能早于签约日期 ${p.signedOn}`)
      return { changes: { [`${input.stage}PaidOn`]: input.paidOn }, action: 'payment', data: { stage: input.stage, paidOn: input.paidOn } }
    })
  }

  async stop(input: Versioned & { on: string; reason: string }, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    return this.change(input, user, async (em, p) => {
      if (p.status !== 'building') throw new AppError('VALIDATION', `只有施工中的工地可以停工（当前：${PROJECT_STATUS_LABELS[p.status]}）`)
      if (input.on > this.plans.today()) throw AppError.field('on', '停工日期不能晚于今天')
      if (input.on < p.startOn!) throw AppError.field('on', `停工日期不能早于开工日期 ${p.startOn}`)
      const lastResume = await repo(em, 'project_stop').findOne({ where: { projectId: p.id }, order: { toOn: 'DESC' } })
      if (lastResume?.toOn && input.on < lastResume.toOn) throw AppError.field('on', `停工日期不能早于上次复工日期 ${lastResume.toOn}`)
      await insertRows(em, 'project_stop', { projectId: p.id, fromOn: input.on, toOn: null, reason: input.reason, createdBy: user.id, createdAt: this.now() })
      return { changes: {}, action: 'stop', data: { on: input.on, reason: input.reason } }
    })
  }

  async resume(input: Versioned & { on: string; note: string | null }, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    return this.change(input, user, async (em, p) => {
      const open = await repo(em, 'project_stop').findOne({ where: { projectId: p.id, toOn: IsNull() }, order: { id: 'DESC' } })
      if (p.status !== 'stopped' || !open) throw new AppError('VALIDATION', '工地没有停工，无需复工')
      if (input.on > this.plans.today()) throw AppError.field('on', '复工日期不能晚于今天')
      if (input.on < open.fromOn) throw AppError.field('on', `复工日期不能早于停工日期 ${open.fromOn}`)
      await repo(em, 'project_stop').update({ id: open.id }, { toOn: input.on })
      return { changes: {}, action: 'resume', data: { on: input.on, note: input.note } }
    })
  }

  async cancel(input: Versioned & { on: string; reason: string }, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    return this.change(input, user, async (_em, p) => {
      if (p.status === 'cancelled') throw new AppError('VALIDATION', '合同已经取消')
      if (p.completionOn) throw new AppError('VALIDATION', '工地已竣工，不能取消合同')
      if (input.on > this.plans.today()) throw AppError.field('on', '取消日期不能晚于今天')
      if (input.on < p.signedOn) throw AppError.field('on', `取消日期不能早于签约日期 ${p.signedOn}`)
      return { changes: { cancelledOn: input.on, cancelReason: input.reason }, action: 'cancel', data: { on: input.on, reason: input.reason } }
    })
  }

  async markSettlementSent(input: Versioned & { on: string }, ctx: CallContext): Promise<ProjectDetail> {
    const user = actor(ctx)
    return this.change(input, user, async (_em, p) => {
      if (!p.completionOn || p.cancelledOn) throw new AppError('VALIDATION', '工地尚未竣工，不能移交结算')
      if (p.settlementSentOn) throw new AppError('VALIDATION', `已于 ${p.settlementSentOn} 移交结算`)
      if (input.on > this.plans.today()) throw AppError.field('on', '移交日期不能晚于今天')
      if (input.on < p.completionOn) throw AppError.field('on', `移交日期不能早于竣工日期 ${p.completionOn}`)
      return { changes: { settlementSentOn: input.on }, action: 'settlement', data: { on: input.on } }
    })
  }

  /**
   * One change to a site: load it at the caller's version, let `work` check and say what to
   * write, then store it with the status derived afresh, log it and re-derive the plan.
   */
  private async change(
    input: Versioned,
    user: SessionUser,
    work: (em: EntityManager, p: ProjectRow) => Promise<{ changes: Partial<ProjectRow>; action: string; data: Record<string, unknown> } | null>,
  ): Promise<ProjectDetail> {
    const now = this.now()
    const changed = await this.store.write(async (em) => {
      const p = await repo(em, 'project').findOneBy({ id: input.id })
      if (!p) throw new AppError('NOT_FOUND', '工地不存在', { id: '工地不存在' })
      if (p.version !== input.version) throw new AppError('CONFLICT', '这个工地已被他人修改，请刷新后再操作')
      const step = await work(em, p)
      if (!step) return false
      const next = { ...p, ...step.changes }
      const status = storedStatusOf(next, await this.hasOpenStop(em, p.id))
      const result = await em
        .createQueryBuilder()
        .update('project')
        .set({ ...step.changes, status, updatedAt: now, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: p.id, version: p.version })
        .execute()
      if (result.affected === 0) throw new AppError('CONFLICT', '这个工地已被他人修改，请刷新后再操作')
      await this.log(em, p.id, user, now, step.action, step.data)
      await this.plans.replanProject(em, p.id)
      return true
    })
    if (changed) this.changed(input.id, null)
    return this.reads.detail(input.id, user)
  }

  private async hasOpenStop(em: EntityManager, projectId: number): Promise<boolean> {
    const n = await em.createQueryBuilder().from('project_stop', 's').where('s.project_id = :projectId AND s.to_on IS NULL', { projectId }).getCount()
    return n > 0
  }

  private async firstStopOn(em: EntityManager, projectId: number): Promise<string | null> {
    const first = await repo(em, 'project_stop').findOne({ where: { projectId }, order: { fromOn: 'ASC' } })
    return first?.fromOn ?? null
  }

  private async checkContract(em: EntityManager, input: ContractFields, selfId: number | null): Promise<void> {
    const same = await repo(em, 'project').findOne({ select: { id: true }, where: { contractNo: input.contractNo } })
    if (same && same.id !== selfId) throw AppError.field('contractNo', `合同编号 ${input.contractNo} 已存在`)
    await checkPerson(em, input.designerId, 'designer', 'designerId', '设计师')
    if (input.projectManagerId) await checkPerson(em, input.projectManagerId, 'projectManager', 'projectManagerId', '项目经理')
    if (input.supervisorId) await checkPerson(em, input.supervisorId, 'supervisor', 'supervisorId', '监理')
    if (input.crewId) await checkPerson(em, input.crewId, 'crew', 'crewId', '施工队')
    if (input.agentId) {
      const agent = await repo(em, 'staff_account').findOneBy({ id: input.agentId })
      if (!agent || !agent.active || !['agent', 'shiftLead', 'manager'].includes(agent.role)) throw AppError.field('agentId', '跟进客服必须是在职的客服人员')
    }
  }

  private async setDeposit(em: EntityManager, id: number, version: number, changes: Record<string, unknown>, now: Date): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update('deposit')
      .set({ ...changes, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute()
    if (result.affected === 0) throw new AppError('CONFLICT', '这笔定金已被他人修改，请刷新后再操作')
  }

  private async log(em: EntityManager, projectId: number, user: SessionUser, at: Date, action: string, data: Record<string, unknown>): Promise<void> {
    await insertRows(em, 'project_log', { projectId, at, actorId: user.id, action, data: JSON.stringify(data) })
  }

  private changed(projectId: number, depositId: number | null): void {
    this.events.emit({ type: 'dataChanged', area: 'projects', id: projectId })
    this.events.emit({ type: 'dataChanged', area: 'callbacks' })
    if (depositId) this.events.emit({ type: 'dataChanged', area: 'deposits', id: depositId })
  }
}

/** A person the contract names must exist, be active and be of the right kind. */
export async function checkPerson(em: EntityManager, id: number, kind: PersonKind, field: string, label: string): Promise<void> {
  const person = await repo(em, 'person').findOneBy({ id })
  if (!person || !person.active) throw AppError.field(field, `${label}不存在或已停用`)
  if (person.kind !== kind) throw AppError.field(field, `${person.name}不是${label}`)
}

/** The project log names what an edit changed the way the form does. */
const CONTRACT_FIELD_LABELS: Record<keyof ReturnType<typeof contractColumns>, string> = {
  contractNo: '合同编号',
  address: '工地地址',
  designerId: '设计师',
  projectManagerId: '项目经理',
  supervisorId: '监理',
  crewId: '施工队',
  agentId: '跟进客服',
  amountFen: '合同金额',
  signedOn: '签约日期',
  startPlannedOn: '计划开工日期',
  materialPlannedOn: '计划材料进场日期',
  midtermPlannedOn: '计划中期验收日期',
  completionPlannedOn: '计划竣工日期',
  firstFen: '首期款',
  midtermFen: '中期款',
  finalFen: '尾款',
  note: '备注',
}

function contractColumns(input: ContractFields) {
  return {
    contractNo: input.contractNo,
    address: input.address,
    designerId: input.designerId,
    projectManagerId: input.projectManagerId,
    supervisorId: input.supervisorId,
    crewId: input.crewId,
    agentId: input.agentId,
    amountFen: input.amountFen,
    signedOn: input.signedOn,
    startPlannedOn: input.planned.start,
    materialPlannedOn: input.planned.material,
    midtermPlannedOn: input.planned.midterm,
    completionPlannedOn: input.planned.completion,
    firstFen: input.payments.first,
    midtermFen: input.payments.midterm,
    finalFen: input.payments.final,
    note: input.note,
  }
}
