import type { EntityManager } from 'typeorm'
import { AppError } from '../contract/errors'
import type { EvaluationRow, EvaluationScores } from '../contract/projects.contract'
import { repo } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { EventBus } from './event-bus'

interface Raw {
  projectId: number
  contractNo: string
  address: string
  completedOn: string
  customerId: number
  customerName: string
  designerId: number
  designerName: string
  pmId: number | null
  pmName: string | null
  svId: number | null
  svName: string | null
  crewId: number | null
  crewName: string | null
  evaluationId: number | null
  sDesigner: unknown
  sPm: unknown
  sSv: unknown
  sCrew: unknown
  sOverall: unknown
  comment: string | null
  sentOn: string | null
  returnedOn: string | null
  recordedById: number | null
  recordedByName: string | null
  version: unknown
}

/** 客户评价表: each month's completed sites and the scores their customers gave (feeds the staff assessment). */
export class EvaluationsService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  async month(input: { month: string }): Promise<EvaluationRow[]> {
    const rows = await this.query(this.store.read)
      .where('p.completion_on LIKE :month AND p.cancelled_on IS NULL', { month: `${input.month}-%` })
      .orderBy('p.completion_on', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getRawMany<Raw>()
    return rows.map(toRow)
  }

  async save(
    input: { projectId: number; version: number | null; scores: EvaluationScores; comment: string | null; sentOn: string | null; returnedOn: string | null },
    ctx: CallContext,
  ): Promise<EvaluationRow> {
    const user = actor(ctx)
    const now = this.now()
    if (input.sentOn && input.returnedOn && input.returnedOn < input.sentOn) throw AppError.field('returnedOn', '收回日期不能早于寄出日期')
    await this.store.write(async (em) => {
      const project = await repo(em, 'project').findOneBy({ id: input.projectId })
      if (!project) throw AppError.field('projectId', '工地不存在')
      if (!project.completionOn || project.cancelledOn) throw AppError.field('projectId', '只有已竣工的工地才有客户评价表')
      const fields = {
        scoreDesigner: input.scores.designer,
        scoreProjectManager: input.scores.projectManager,
        scoreSupervisor: input.scores.supervisor,
        scoreCrew: input.scores.crew,
        scoreOverall: input.scores.overall,
        comment: input.comment,
        sentOn: input.sentOn,
        returnedOn: input.returnedOn,
        recordedBy: user.id,
      }
      const existing = await repo(em, 'evaluation').findOneBy({ projectId: project.id })
      if (!existing) {
        if (input.version !== null) throw new AppError('CONFLICT', '这份评价表已被删除或尚未录入，请刷新后再操作')
        await insertRows(em, 'evaluation', { ...fields, projectId: project.id, month: project.completionOn.slice(0, 7), createdAt: now, updatedAt: now, version: 1 })
        return
      }
      if (existing.version !== input.version) throw new AppError('CONFLICT', '这份评价表已被他人录入或修改，请刷新后再操作')
      const result = await em
        .createQueryBuilder()
        .update('evaluation')
        .set({ ...fields, updatedAt: now, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: existing.id, version: existing.version })
        .execute()
      if (result.affected === 0) throw new AppError('CONFLICT', '这份评价表已被他人录入或修改，请刷新后再操作')
    })
    this.events.emit({ type: 'dataChanged', area: 'projects', id: input.projectId })
    const row = await this.query(this.store.read).where('p.id = :id', { id: input.projectId }).getRawOne<Raw>()
    return toRow(row!)
  }

  private query(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('project', 'p')
      .innerJoin('customer', 'c', 'c.id = p.customer_id')
      .innerJoin('person', 'ds', 'ds.id = p.designer_id')
      .leftJoin('person', 'pm', 'pm.id = p.project_manager_id')
      .leftJoin('person', 'sv', 'sv.id = p.supervisor_id')
      .leftJoin('person', 'cr', 'cr.id = p.crew_id')
      .leftJoin('evaluation', 'e', 'e.project_id = p.id')
      .leftJoin('staff_account', 'rb', 'rb.id = e.recorded_by')
      .select(['p.id AS "projectId"', 'p.contract_no AS "contractNo"', 'p.address AS address', 'p.completion_on AS "completedOn"', 'c.id AS "customerId"', 'c.name AS "customerName"'])
      .addSelect(['ds.id AS "designerId"', 'ds.name AS "designerName"', 'pm.id AS "pmId"', 'pm.name AS "pmName"', 'sv.id AS "svId"', 'sv.name AS "svName"', 'cr.id AS "crewId"', 'cr.name AS "crewName"'])
      .addSelect(['e.id AS "evaluationId"', 'e.score_designer AS "sDesigner"', 'e.score_project_manager AS "sPm"', 'e.score_supervisor AS "sSv"', 'e.score_crew AS "sCrew"'])
      .addSelect(['e.score_overall AS "sOverall"', 'e.comment AS comment', 'e.sent_on AS "sentOn"', 'e.returned_on AS "returnedOn"', 'rb.id AS "recordedById"', 'rb.display_name AS "recordedByName"'])
      .addSelect('e.version', 'version')
  }
}

function toRow(r: Raw): EvaluationRow {
  const ref = (id: number | null, name: string | null) => (id ? { id: toNumber(id), name: name ?? '' } : null)
  return {
    project: { id: toNumber(r.projectId), contractNo: r.contractNo, address: r.address, completedOn: r.completedOn },
    customer: { id: toNumber(r.customerId), name: r.customerName },
    designer: { id: toNumber(r.designerId), name: r.designerName },
    projectManager: ref(r.pmId, r.pmName),
    supervisor: ref(r.svId, r.svName),
    crew: ref(r.crewId, r.crewName),
    evaluation: r.evaluationId
      ? {
          id: toNumber(r.evaluationId),
          scores: { designer: toNumber(r.sDesigner), projectManager: toNumber(r.sPm), supervisor: toNumber(r.sSv), crew: toNumber(r.sCrew), overall: toNumber(r.sOverall) },
          comment: r.comment,
          sentOn: r.sentOn,
          returnedOn: r.returnedOn,
          recordedBy: { id: toNumber(r.recordedById), name: r.recordedByName ?? '' },
          version: toNumber(r.version),
        }
      : null,
  }
}
