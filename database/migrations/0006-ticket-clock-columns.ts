import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { clockColumns, type ClockFields } from '../../main/services/ticket-clock'
import { tableKit } from './table-kit'

/**
 * The ticket's clock stored on the row — its earliest owed deadline and risk moment, null while
 * suspended or met — so the risk board counts and lists by index range alone at 100k tickets.
 */
export class TicketClockColumns1764201600006 implements MigrationInterface {
  name = 'TicketClockColumns1764201600006'

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = tableKit(queryRunner)
    await queryRunner.addColumn('ticket', k.column(k.time('clock_due_at', true)))
    await queryRunner.addColumn('ticket', k.column(k.time('clock_risk_at', true)))
    await queryRunner.createIndex('ticket', new TableIndex({ name: 'IDX_ticket_clock_due', columnNames: ['clock_due_at'] }))
    await queryRunner.createIndex('ticket', new TableIndex({ name: 'IDX_ticket_clock_risk_due', columnNames: ['clock_risk_at', 'clock_due_at'] }))

    // tickets already open get their clock; closed and cancelled ones keep null
    const open: Record<string, unknown>[] = await queryRunner.query(
      `SELECT id, state, suspended_at, response_due_at, response_risk_at, responded_at, resolution_due_at, resolution_risk_at, resolved_at
         FROM ticket WHERE state IN ('pending', 'dispatched', 'inProgress', 'reopened')`,
    )
    const time = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`))
    for (const r of open) {
      const fields = {
        state: r.state,
        suspendedAt: time(r.suspended_at),
        responseDueAt: time(r.response_due_at),
        responseRiskAt: time(r.response_risk_at),
        respondedAt: time(r.responded_at),
        resolutionDueAt: time(r.resolution_due_at),
        resolutionRiskAt: time(r.resolution_risk_at),
        resolvedAt: time(r.resolved_at),
        escalationLevel: 0,
        riskNoticed: 0,
      } as ClockFields
      const clock = clockColumns(fields)
      await queryRunner.manager.createQueryBuilder().update('ticket').set({ clockDueAt: clock.clockDueAt, clockRiskAt: clock.clockRiskAt }).where('id = :id', { id: r.id }).execute()
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ticket', 'IDX_ticket_clock_risk_due')
    await queryRunner.dropIndex('ticket', 'IDX_ticket_clock_due')
    await queryRunner.dropColumn('ticket', 'clock_risk_at')
    await queryRunner.dropColumn('ticket', 'clock_due_at')
  }
}
