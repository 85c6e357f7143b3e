import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'

/**
 * The risk board reads, for every ticket whose risk moment has passed, the deadline itself:
 * with the deadline in the index the board is answered from the index alone (no row reads).
 */
export class TicketRiskCoveringIndexes1764201600005 implements MigrationInterface {
  name = 'TicketRiskCoveringIndexes1764201600005'

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const deadline of ['response', 'resolution']) {
      await dropIndexOn(queryRunner, ['state', `${deadline}_risk_at`])
      await queryRunner.createIndex(
        'ticket',
        new TableIndex({ name: `IDX_ticket_${deadline}_risk_due`, columnNames: ['state', `${deadline}_risk_at`, `${deadline}_due_at`] }),
      )
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const deadline of ['response', 'resolution']) {
      await queryRunner.dropIndex('ticket', `IDX_ticket_${deadline}_risk_due`)
      await queryRunner.createIndex('ticket', new TableIndex({ columnNames: ['state', `${deadline}_risk_at`] }))
    }
  }
}

/** Migration 0004 let TypeORM name its indexes: find them by their columns. */
async function dropIndexOn(queryRunner: QueryRunner, columns: string[]): Promise<void> {
  const table = await queryRunner.getTable('ticket')
  const index = table?.indices.find((i) => i.columnNames.join(',') === columns.join(','))
  if (table && index) await queryRunner.dropIndex(table, index)
}
