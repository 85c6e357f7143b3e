import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { tableKit } from './table-kit'

/**
 * Summaries the dashboard and the reports read instead of scanning a month of calls:
 * - `call_stat`: calls per company date, hour, agent, direction, status and type with their
 *   talk and ring seconds, kept exact by every call write (Summaries) and rebuilt from
 *   `call_log` by a command or when the company's time zone changes. An absent agent is 0 and
 *   an absent type '' so that the unique key holds (NULLs never collide in a unique index).
 * - `ticket_stat`: tickets resolved per company date, kind and responsible person, on time or not.
 * - `callback_stat`: callbacks done per company date, agent, kind and verdict, with their scores.
 * - `summary_build`: which time zone a summary was last built in.
 * - `staff_presence`: the UTC hours in which a staff member was logged in, for staffing.
 * Plus covering indexes for the period counts the dashboard makes on the other tables, so
 * each is one index range read without visiting the rows.
 */
const COVERING: [table: string, name: string, columns: string[]][] = [
  ['ticket', 'IDX_ticket_created_counts', ['kind', 'created_at', 'category', 'severity', 'state', 'response_due_at', 'responded_at', 'resolution_due_at', 'resolved_at', 'suspended_at']],
  ['ticket', 'IDX_ticket_resolved_on_time', ['resolved_at', 'resolution_due_at', 'responded_at', 'response_due_at']],
  ['callback', 'IDX_callback_done_scores', ['done_at', 'result', 'done_by', 'score_design', 'score_quality', 'score_tidiness', 'score_service', 'score_schedule']],
  ['measure_appointment', 'IDX_measure_created_status', ['created_at', 'status', 'designer_id']],
  ['deposit', 'IDX_deposit_paid_designer', ['paid_on', 'designer_id']],
  ['project', 'IDX_project_signed_cancelled', ['signed_on', 'cancelled_on', 'designer_id']],
]

export class DashboardSummaries1764201600008 implements MigrationInterface {
  name = 'DashboardSummaries1764201600008'

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = tableKit(queryRunner)
    await queryRunner.createTable(
      new Table({
        name: 'call_stat',
        columns: [
          k.id(),
          k.text('stat_date', 10),
          k.int('stat_hour'),
          k.int('agent_id', false, 0),
          k.text('direction', 3),
          k.text('status', 10),
          k.text('call_type', 10),
          k.int('calls', false, 0),
          k.money('talk_sec', false),
          k.money('ring_sec', false),
        ],
        indices: [{ name: 'UQ_call_stat_slot', columnNames: ['stat_date', 'stat_hour', 'agent_id', 'direction', 'status', 'call_type'], isUnique: true }],
      }),
    )
    await queryRunner.createTable(
      new Table({
        name: 'ticket_stat',
        columns: [k.id(), k.text('stat_date', 10), k.text('kind', 10), k.int('person_id', false, 0), k.int('resolved', false, 0), k.int('on_time', false, 0)],
        indices: [{ name: 'UQ_ticket_stat_slot', columnNames: ['stat_date', 'kind', 'person_id'], isUnique: true }],
      }),
    )
    await queryRunner.createTable(
      new Table({
        name: 'callback_stat',
        columns: [
          k.id(),
          k.text('stat_date', 10),
          k.int('agent_id', false, 0),
          k.text('kind', 30),
          k.text('result', 12),
          k.int('callbacks', false, 0),
          k.int('score_sum', false, 0),
          k.int('score_count', false, 0),
        ],
        indices: [{ name: 'UQ_callback_stat_slot', columnNames: ['stat_date', 'agent_id', 'kind', 'result'], isUnique: true }],
      }),
    )
    await queryRunner.createTable(
      new Table({
        name: 'summary_build',
        columns: [{ name: 'name', type: 'varchar', length: '30', isPrimary: true }, k.text('time_zone', 60), k.time('built_at')],
      }),
    )
    await queryRunner.createTable(
      new Table({
        name: 'staff_presence',
        columns: [k.id(), k.int('staff_id'), k.time('hour_start')],
        indices: [{ name: 'UQ_staff_presence_hour', columnNames: ['hour_start', 'staff_id'], isUnique: true }],
        foreignKeys: [{ columnNames: ['staff_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] }],
      }),
    )
    for (const [table, name, columnNames] of COVERING) await queryRunner.createIndex(table, new TableIndex({ name, columnNames }))
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of COVERING) await queryRunner.dropIndex(table, name)
    await queryRunner.dropTable('staff_presence')
    await queryRunner.dropTable('summary_build')
    await queryRunner.dropTable('callback_stat')
    await queryRunner.dropTable('ticket_stat')
    await queryRunner.dropTable('call_stat')
  }
}
