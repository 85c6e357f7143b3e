import { EntitySchema } from 'typeorm'
import type { ColumnKit } from './columns'

/** Calls of one company hour, agent (0: none), direction, status and type ('' : not typed). */
export interface CallStatRow {
  id: number
  statDate: string
  statHour: number
  agentId: number
  direction: string
  status: string
  callType: string
  calls: number
  talkSec: number
  ringSec: number
}

export const callStatEntity = (c: ColumnKit) =>
  new EntitySchema<CallStatRow>({
    name: 'call_stat',
    columns: {
      id: c.id(),
      statDate: c.text(10),
      statHour: c.int(),
      agentId: c.int(),
      direction: c.text(3),
      status: c.text(10),
      callType: c.text(10),
      calls: c.int(),
      talkSec: c.money(false),
      ringSec: c.money(false),
    },
  })

export interface SummaryBuildRow {
  name: string
  timeZone: string
  builtAt: Date
}

export const summaryBuildEntity = (c: ColumnKit) =>
  new EntitySchema<SummaryBuildRow>({
    name: 'summary_build',
    columns: { name: { type: 'varchar', length: 30, primary: true }, timeZone: c.text(60), builtAt: c.time() },
  })

/** One UTC hour in which a staff member was logged in. */
export interface StaffPresenceRow {
  id: number
  staffId: number
  hourStart: Date
}

export const staffPresenceEntity = (c: ColumnKit) =>
  new EntitySchema<StaffPresenceRow>({
    name: 'staff_presence',
    columns: { id: c.id(), staffId: c.int(), hourStart: c.time() },
  })
