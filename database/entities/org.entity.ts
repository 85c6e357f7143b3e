import { EntitySchema } from 'typeorm'
import type { PersonKind } from '../../main/contract/org.contract'
import type { ColumnKit } from './columns'

export interface DepartmentRow {
  id: number
  name: string
  headPersonId: number | null
  active: boolean
  sortOrder: number
  createdAt: Date
  updatedAt: Date
}

export interface PersonRow {
  id: number
  name: string
  kind: PersonKind
  departmentId: number | null
  phone: string | null
  isGeneralManager: boolean
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export const departmentEntity = (c: ColumnKit) =>
  new EntitySchema<DepartmentRow>({
    name: 'department',
    columns: {
      id: c.id(),
      name: c.text(30),
      headPersonId: c.int(true),
      active: c.bool(),
      sortOrder: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
    },
  })

export const personEntity = (c: ColumnKit) =>
  new EntitySchema<PersonRow>({
    name: 'person',
    columns: {
      id: c.id(),
      name: c.text(32),
      kind: c.text(20),
      departmentId: c.int(true),
      phone: c.text(30, true),
      isGeneralManager: c.bool(),
      active: c.bool(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
    },
  })
