import type { EntityManager } from 'typeorm'
import { AppError } from '../contract/errors'
import type { Department, OrgChart, Person, PersonKind } from '../contract/org.contract'
import { repo, type PersonRow } from '../../database/entities'
import type { Store } from '../../database/store'
import type { EventBus } from './event-bus'

/** What a new company starts with; renamed, extended or deactivated on the 组织架构 page. */
export const DEFAULT_DEPARTMENTS = ['客服部', '工程部', '设计部', '材料部', '财务部']

/** Departments, and the people work is assigned to — most of whom never log in. */
export class OrgService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
  ) {}

  async chart(): Promise<OrgChart> {
    const [departments, people] = await Promise.all([
      repo(this.store.read, 'department').find({ order: { sortOrder: 'ASC', id: 'ASC' } }),
      repo(this.store.read, 'person').find(),
    ])
    const names = new Map(people.map((p) => [p.id, p.name]))
    const gm = people.find((p) => p.isGeneralManager && p.active)
    return {
      departments: departments.map((d) => ({
        id: d.id,
        name: d.name,
        headPersonId: d.headPersonId,
        headName: d.headPersonId ? (names.get(d.headPersonId) ?? null) : null,
        active: d.active,
        sortOrder: d.sortOrder,
      })),
      generalManager: gm ? await this.toPerson(this.store.read, gm) : null,
    }
  }

  async saveDepartment(input: { id: number | null; name: string; headPersonId: number | null; active: boolean; sortOrder: number }): Promise<Department> {
    const saved = await this.store.write(async (em) => {
      const departments = repo(em, 'department')
      if (input.id !== null && !(await departments.existsBy({ id: input.id }))) throw new AppError('NOT_FOUND', '部门不存在', { id: '部门不存在' })
      const clash = await departments.findOneBy({ name: input.name })
      if (clash && clash.id !== input.id) throw AppError.field('name', `部门「${input.name}」已存在`)
      if (input.headPersonId !== null && !(await repo(em, 'person').existsBy({ id: input.headPersonId }))) {
        throw AppError.field('headPersonId', '部门负责人不存在')
      }
      const { id, ...fields } = input
      return departments.save(id === null ? fields : { id, ...fields })
    })
    this.events.emit({ type: 'dataChanged', area: 'org' })
    const chart = await this.chart()
    return chart.departments.find((d) => d.id === saved.id) as Department
  }

  async listPeople(input: { kind?: PersonKind; departmentId?: number | null; includeInactive: boolean }): Promise<Person[]> {
    const qb = this.store.read
      .createQueryBuilder()
      .select(['p.id AS id', 'p.name AS name', 'p.kind AS kind', 'p.department_id AS "departmentId"', 'd.name AS "departmentName"'])
      .addSelect(['p.phone AS phone', 's.id AS "accountId"', 'p.is_general_manager AS "isGeneralManager"', 'p.active AS active'])
      .from('person', 'p')
      .leftJoin('department', 'd', 'd.id = p.department_id')
      .leftJoin('staff_account', 's', 's.person_id = p.id')
      .orderBy('p.kind', 'ASC')
      .addOrderBy('p.name', 'ASC')
    if (input.kind) qb.andWhere('p.kind = :kind', { kind: input.kind })
    if (input.departmentId) qb.andWhere('p.department_id = :departmentId', { departmentId: input.departmentId })
    if (!input.includeInactive) qb.andWhere('p.active = :active', { active: true })
    const rows = await qb.getRawMany<Person & { isGeneralManager: unknown; active: unknown }>()
    return rows.map((r) => ({ ...r, isGeneralManager: Boolean(r.isGeneralManager), active: Boolean(r.active) }))
  }

  async savePerson(input: { id: number | null; name: string; kind: PersonKind; departmentId: number | null; phone: string | null; active: boolean }): Promise<Person> {
    const saved = await this.store.write(async (em) => {
      const people = repo(em, 'person')
      const existing = input.id === null ? null : await people.findOneBy({ id: input.id })
      if (input.id !== null && !existing) throw new AppError('NOT_FOUND', '人员不存在', { id: '人员不存在' })
      if (input.departmentId !== null && !(await repo(em, 'department').existsBy({ id: input.departmentId }))) {
        throw AppError.field('departmentId', '部门不存在')
      }
      const { id, ...fields } = input
      return people.save(id === null ? { ...fields, isGeneralManager: false } : { id, ...fields })
    })
    this.events.emit({ type: 'dataChanged', area: 'org' })
    return this.toPerson(this.store.read, saved)
  }

  async setGeneralManager(input: { personId: number | null }): Promise<OrgChart> {
    await this.store.write(async (em) => {
      const people = repo(em, 'person')
      if (input.personId !== null && !(await people.existsBy({ id: input.personId, active: true }))) {
        throw AppError.field('personId', '人员不存在或已停用')
      }
      await people.update({ isGeneralManager: true }, { isGeneralManager: false })
      if (input.personId !== null) await people.update({ id: input.personId }, { isGeneralManager: true })
    })
    this.events.emit({ type: 'dataChanged', area: 'org' })
    return this.chart()
  }

  /** Called in the first-start transaction. */
  static async createDefaultDepartments(em: EntityManager): Promise<void> {
    const departments = repo(em, 'department')
    if ((await departments.count()) > 0) return
    await departments.insert(DEFAULT_DEPARTMENTS.map((name, index) => ({ name, headPersonId: null, active: true, sortOrder: index + 1 })))
  }

  /** A person assignable as designer (or another kind): active and of that kind. */
  static async requireActive(em: EntityManager, id: number, kind: PersonKind, field: string, label: string): Promise<PersonRow> {
    const person = await repo(em, 'person').findOneBy({ id })
    if (!person || !person.active || person.kind !== kind) throw AppError.field(field, `${label}不存在或已停用`)
    return person
  }

  private async toPerson(em: EntityManager, row: PersonRow): Promise<Person> {
    const [department, account] = await Promise.all([
      row.departmentId ? repo(em, 'department').findOneBy({ id: row.departmentId }) : null,
      repo(em, 'staff_account').findOneBy({ personId: row.id }),
    ])
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      departmentId: row.departmentId,
      departmentName: department?.name ?? null,
      phone: row.phone,
      accountId: account?.id ?? null,
      isGeneralManager: row.isGeneralManager,
      active: row.active,
    }
  }
}
