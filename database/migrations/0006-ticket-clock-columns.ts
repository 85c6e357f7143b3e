import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
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
      `SELECT id, state, response_due_at, response_risk_at, responded_at, resolution_due_at, resolution_risk_at, resolved_at
         FROM ticket WHERE state IN ('pending', 'dispatched', 'inProgress', 'reopened')`,
    )
    // the rule of main/services/ticket-clock.ts clockColumns as it stood, kept here so the migration never changes
    const time = (v: unknown): number | null => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : new Date(`${String(v).replace(' ', 'T')}Z`).getTime())
    for (const r of open) {
      const owed: { due: number; risk: number }[] = []
      if (['pending', 'dispatched', 'reopened'].includes(String(r.state)) && r.responded_at === null) owed.push({ due: time(r.response_due_at)!, risk: time(r.response_risk_at)! })
      if (r.resolved_at === null) owed.push({ due: time(r.resolution_due_at)!, risk: time(r.resolution_risk_at)! })
      const clockDueAt = owed.length ? new Date(Math.min(...owed.map((d) => d.due))) : null
      const clockRiskAt = owed.length ? new Date(Math.min(...owed.map((d) => d.risk))) : null
      const [sql, params] = queryRunner.connection.driver.escapeQueryWithParameters(
        'UPDATE ticket SET clock_due_at = :clockDueAt, clock_risk_at = :clockRiskAt WHERE id = :id',
        { clockDueAt, clockRiskAt, id: r.id },
        {},
      )
      await queryRunner.query(sql, params)
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ticket', 'IDX_ticket_clock_risk_due')
    await queryRunner.dropIndex('ticket', 'IDX_ticket_clock_due')
    await queryRunner.dropColumn('ticket', 'clock_risk_at')
    await queryRunner.dropColumn('ticket', 'clock_due_at')
  }
}
