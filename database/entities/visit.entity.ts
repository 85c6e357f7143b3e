import { EntitySchema } from 'typeorm'
import type { IntentLevel, VisitStatus } from '../../main/contract/visits.contract'
import type { ColumnKit } from './columns'

export interface VisitRow {
  id: number
  customerId: number
  arrivedAt: Date
  status: VisitStatus
  withDesignerAt: Date | null
  leftAt: Date | null
  partySize: number
  intentLevel: IntentLevel
  sourceChannel: string | null
  community: string | null
  houseType: string | null
  areaSqm: number | null
  budgetMinFen: number | null
  budgetMaxFen: number | null
  style: string | null
  notes: string | null
  outcome: string | null
  designerId: number | null
  receptionistId: number
  collision: boolean
  createdAt: Date
  updatedAt: Date
}

export const visitEntity = (c: ColumnKit) =>
  new EntitySchema<VisitRow>({
    name: 'visit',
    columns: {
      id: c.id(),
      customerId: c.int(),
      arrivedAt: c.time(),
      status: c.text(20),
      withDesignerAt: c.time(true),
      leftAt: c.time(true),
      partySize: c.int(),
      intentLevel: c.text(10),
      sourceChannel: c.text(30, true),
      community: c.text(60, true),
      houseType: c.text(30, true),
      areaSqm: c.real(),
      budgetMinFen: c.money(),
      budgetMaxFen: c.money(),
      style: c.text(30, true),
      notes: c.longText(),
      outcome: c.text(200, true),
      designerId: c.int(true),
      receptionistId: c.int(),
      collision: c.bool(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
    },
  })
