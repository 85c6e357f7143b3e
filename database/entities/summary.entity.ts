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

/** Tickets resolved on one company date, of one kind, for one responsible person (0: none). */
export interface TicketStatRow {
  id: number
  statDate: string
  kind: string
  personId: number
  resolved: number
  onTime: number
}

export const ticketStatEntity = (c: ColumnKit) =>
  new EntitySchema<TicketStatRow>({
    name: 'ticket_stat',
    columns: { id: c.id(), statDate: c.text(10), kind: c.text(10), personId: c.int(), resolved: c.int(), onTime: c.int() },
  })

/** Callbacks done on one company date by one agent (0: none), of one kind, with one verdict. */
export interface CallbackStatRow {
  id: number
  statDate: string
  agentId: number
  kind: string
  result: string
  callbacks: number
  scoreSum: number
  scoreCount: number
}

export const callbackStatEntity = (c: ColumnKit) =>
  new EntitySchema<CallbackStatRow>({
    name: 'callback_stat',
    columns: { id: c.id(), statDate: c.text(10), agentId: c.int(), kind: c.text(30), result: c.text(12), callbacks: c.int(), scoreSum: c.int(), scoreCount: c.int() },
  })
