import { z } from 'zod'
import { defineMethod } from './define'
import { choice, input, optionalId, optionalText, text } from './schema-kit'

/** People the department assigns work to; most of them never log in. */
export const PERSON_KINDS = ['designer', 'homeConsultant', 'projectManager', 'supervisor', 'crew', 'repairWorker', 'serviceStaff', 'executive'] as const
export type PersonKind = (typeof PERSON_KINDS)[number]

export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  designer: '设计师',
  homeConsultant: '家居顾问',
  projectManager: '项目经理',
  supervisor: '监理',
  crew: '工队',
  repairWorker: '维修工',
  serviceStaff: '客服人员',
  executive: '公司领导',
}

export interface Department {
  id: number
  name: string
  headPersonId: number | null
  headName: string | null
  active: boolean
  sortOrder: number
}

export interface Person {
  id: number
  name: string
  kind: PersonKind
  departmentId: number | null
  departmentName: string | null
  phone: string | null
  accountId: number | null
  isGeneralManager: boolean
  active: boolean
}

export interface OrgChart {
  departments: Department[]
  generalManager: Person | null
}

export const orgContract = {
  chart: defineMethod<OrgChart>()({ input: input({}), permission: 'org.read' }),
  saveDepartment: defineMethod<Department>()({
    input: input({
      id: optionalId('部门'),
      name: text('部门名称', 30),
      headPersonId: optionalId('部门负责人'),
      active: z.boolean({ error: '启用状态无效' }).default(true),
      sortOrder: z.number({ error: '排序必须是数字' }).int({ error: '排序必须是整数' }).min(0).max(9999).default(0),
    }),
    permission: 'org.manage',
    audit: 'change',
  }),
  listPeople: defineMethod<Person[]>()({
    input: input({
      kind: choice('人员类型', PERSON_KINDS).optional(),
      departmentId: optionalId('部门').optional(),
      includeInactive: z.boolean({ error: '参数无效' }).default(false),
    }),
    permission: 'org.read',
  }),
  savePerson: defineMethod<Person>()({
    input: input({
      id: optionalId('人员'),
      name: text('姓名', 32),
      kind: choice('人员类型', PERSON_KINDS),
      departmentId: optionalId('部门'),
      phone: optionalText('电话', 30),
      active: z.boolean({ error: '启用状态无效' }).default(true),
    }),
    permission: 'org.manage',
    audit: 'change',
  }),
  setGeneralManager: defineMethod<OrgChart>()({
    input: input({ personId: optionalId('总经理') }),
    permission: 'org.manage',
    audit: 'change',
  }),
}
