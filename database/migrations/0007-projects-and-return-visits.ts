import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableForeignKeyOptions } from 'typeorm'
import { tableKit } from './table-kit'

const fk = (column: string, table: string): TableForeignKeyOptions => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'] })

/**
 * Deposits and pending-sign clients, projects (sites) with milestones, payments, stops and a log,
 * the return-visit plan on the callback record, site inspections with rectification notices,
 * house-viewing trips, monthly customer evaluations and holiday greetings done.
 *
 * `ticket.project_id` and `callback.project_id` stay without a foreign key: adding one to an
 * existing SQLite table means rebuilding it, and a rebuild of a table other tables reference
 * cannot be done safely with foreign keys on. The services check the reference instead.
 */
export class ProjectsAndReturnVisits1764201600007 implements MigrationInterface {
  name = 'ProjectsAndReturnVisits1764201600007'

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = tableKit(queryRunner)

    await queryRunner.createTable(
      new Table({
        name: 'deposit',
        columns: [
          k.id(),
          k.int('customer_id'),
          k.int('designer_id'),
          k.int('consultant_id', true),
          k.money('amount_fen', false),
          k.text('paid_on', 10),
          k.text('status', 10),
          k.int('follow_ups', false, 0),
          k.time('last_follow_up_at', true),
          k.text('next_follow_up_on', 10, true),
          k.text('outcome_on', 10, true),
          k.text('lost_reason', 200, true),
          k.text('note', 500, true),
          k.int('created_by'),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [{ columnNames: ['status', 'paid_on'] }, { columnNames: ['designer_id', 'paid_on'] }, { columnNames: ['customer_id'] }],
        foreignKeys: [fk('customer_id', 'customer'), fk('designer_id', 'person'), fk('consultant_id', 'person'), fk('created_by', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'deposit_follow_up',
        columns: [k.id(), k.int('deposit_id'), k.time('at'), k.int('by_id'), k.text('note', 1000), k.text('next_on', 10, true)],
        indices: [{ columnNames: ['deposit_id', 'id'] }],
        foreignKeys: [fk('deposit_id', 'deposit'), fk('by_id', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'project',
        columns: [
          k.id(),
          k.text('contract_no', 30),
          k.int('customer_id'),
          k.int('deposit_id', true),
          k.text('address', 120),
          k.int('designer_id'),
          k.int('project_manager_id', true),
          k.int('supervisor_id', true),
          k.int('crew_id', true),
          k.int('agent_id', true),
          k.money('amount_fen', false),
          k.text('signed_on', 10),
          ...['start', 'material', 'midterm', 'completion'].flatMap((m) => [k.text(`${m}_planned_on`, 10, true), k.text(`${m}_on`, 10, true)]),
          ...['first', 'midterm', 'final'].flatMap((p) => [{ ...k.money(`${p}_fen`, false), default: 0 }, k.text(`${p}_paid_on`, 10, true)]),
          // pending, building, stopped, completed, warranty or cancelled; 保修期满 is warranty past warranty_ends_on
          k.text('status', 12),
          k.text('warranty_ends_on', 10, true),
          k.text('settlement_sent_on', 10, true),
          k.text('cancelled_on', 10, true),
          k.text('cancel_reason', 200, true),
          k.longText('note'),
          k.int('created_by'),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [
          { columnNames: ['contract_no'], isUnique: true },
          { columnNames: ['deposit_id'], isUnique: true },
          { columnNames: ['status', 'start_on'] },
          { columnNames: ['customer_id'] },
          { columnNames: ['designer_id', 'signed_on'] },
          { columnNames: ['agent_id', 'status'] },
          { columnNames: ['completion_on'] },
        ],
        foreignKeys: [
          fk('customer_id', 'customer'),
          fk('deposit_id', 'deposit'),
          fk('designer_id', 'person'),
          fk('project_manager_id', 'person'),
          fk('supervisor_id', 'person'),
          fk('crew_id', 'person'),
          fk('agent_id', 'staff_account'),
          fk('created_by', 'staff_account'),
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'project_stop',
        columns: [k.id(), k.int('project_id'), k.text('from_on', 10), k.text('to_on', 10, true), k.text('reason', 200), k.int('created_by'), k.stamp('created_at')],
        indices: [{ columnNames: ['project_id', 'from_on'] }],
        foreignKeys: [fk('project_id', 'project'), fk('created_by', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'project_log',
        columns: [k.id(), k.int('project_id'), k.time('at'), k.int('actor_id', true), k.text('action', 20), k.longText('data')],
        indices: [{ columnNames: ['project_id', 'id'] }],
        foreignKeys: [fk('project_id', 'project'), fk('actor_id', 'staff_account')],
      }),
    )

    // the return-visit plan lives on the callback record: one row per plan key and site, never two
    for (const column of [
      k.text('plan_key', 30, true),
      k.text('planned_on', 10, true),
      k.int('score_design', true),
      k.int('score_quality', true),
      k.int('score_tidiness', true),
      k.int('score_service', true),
      k.int('score_schedule', true),
      k.int('problem_ticket_id', true),
      k.text('last_attempt_outcome', 16, true),
    ]) {
      await queryRunner.addColumn('callback', k.column(column))
    }
    await queryRunner.createIndex('callback', new TableIndex({ name: 'UQ_callback_project_plan', columnNames: ['project_id', 'plan_key'], isUnique: true }))
    await queryRunner.createIndex('callback', new TableIndex({ name: 'IDX_callback_project_status', columnNames: ['project_id', 'status'] }))

    await queryRunner.createTable(
      new Table({
        name: 'callback_attempt',
        columns: [k.id(), k.int('callback_id'), k.time('at'), k.int('by_id'), k.text('outcome', 16), k.text('note', 200, true), k.text('retry_on', 10)],
        indices: [{ columnNames: ['callback_id', 'id'] }],
        foreignKeys: [fk('callback_id', 'callback'), fk('by_id', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'inspection',
        columns: [
          k.id(),
          k.int('project_id'),
          k.text('inspected_on', 10),
          k.int('inspector_id', true),
          k.int('recorded_by'),
          k.text('result', 10),
          k.longText('findings', false),
          k.stamp('created_at'),
        ],
        indices: [{ columnNames: ['project_id', 'inspected_on'] }, { columnNames: ['inspected_on'] }],
        foreignKeys: [fk('project_id', 'project'), fk('inspector_id', 'person'), fk('recorded_by', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'inspection_photo',
        columns: [k.id(), k.int('inspection_id'), k.text('hash', 64), k.text('name', 200), k.text('mime', 60), k.int('size'), k.int('uploaded_by'), k.time('uploaded_at')],
        indices: [{ columnNames: ['inspection_id'] }],
        foreignKeys: [fk('inspection_id', 'inspection'), fk('uploaded_by', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'rectification',
        columns: [
          k.id(),
          k.text('no', 20),
          k.int('inspection_id'),
          k.int('project_id'),
          k.longText('items', false),
          k.int('responsible_id'),
          k.text('deadline_on', 10),
          k.text('status', 10),
          k.text('closed_on', 10, true),
          k.int('created_by'),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [{ columnNames: ['no'], isUnique: true }, { columnNames: ['inspection_id'], isUnique: true }, { columnNames: ['status', 'deadline_on'] }, { columnNames: ['project_id', 'status'] }],
        foreignKeys: [fk('inspection_id', 'inspection'), fk('project_id', 'project'), fk('responsible_id', 'person'), fk('created_by', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'rectification_check',
        columns: [k.id(), k.int('rectification_id'), k.time('at'), k.int('by_id'), k.bool('passed', false), k.longText('note', false), k.text('new_deadline_on', 10, true)],
        indices: [{ columnNames: ['rectification_id', 'id'] }],
        foreignKeys: [fk('rectification_id', 'rectification'), fk('by_id', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'viewing_trip',
        columns: [
          k.id(),
          k.text('trip_on', 10),
          k.text('depart_at', 5, true),
          k.int('guide_id', true),
          k.text('note', 500, true),
          k.longText('report'),
          k.time('reported_at', true),
          k.int('reported_by', true),
          k.int('created_by'),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [{ columnNames: ['trip_on'] }],
        foreignKeys: [fk('guide_id', 'staff_account'), fk('reported_by', 'staff_account'), fk('created_by', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'viewing_trip_client',
        columns: [k.id(), k.int('trip_id'), k.int('customer_id'), k.text('outcome', 16, true)],
        indices: [{ columnNames: ['trip_id', 'customer_id'], isUnique: true }, { columnNames: ['customer_id'] }],
        foreignKeys: [fk('trip_id', 'viewing_trip'), fk('customer_id', 'customer')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'viewing_trip_site',
        columns: [k.id(), k.int('trip_id'), k.int('project_id')],
        indices: [{ columnNames: ['trip_id', 'project_id'], isUnique: true }],
        foreignKeys: [fk('trip_id', 'viewing_trip'), fk('project_id', 'project')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'evaluation',
        columns: [
          k.id(),
          k.int('project_id'),
          k.text('month', 7),
          k.int('score_designer'),
          k.int('score_project_manager'),
          k.int('score_supervisor'),
          k.int('score_crew'),
          k.int('score_overall'),
          k.longText('comment'),
          k.text('sent_on', 10, true),
          k.text('returned_on', 10, true),
          k.int('recorded_by'),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [{ columnNames: ['project_id'], isUnique: true }, { columnNames: ['month'] }],
        foreignKeys: [fk('project_id', 'project'), fk('recorded_by', 'staff_account')],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'greeting',
        columns: [k.id(), k.text('greeting_key', 40), k.text('name', 20), k.text('holiday_on', 10), k.time('done_at'), k.int('done_by'), k.int('sent'), k.text('note', 500, true)],
        indices: [{ columnNames: ['greeting_key'], isUnique: true }],
        foreignKeys: [fk('done_by', 'staff_account')],
      }),
    )
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'greeting',
      'evaluation',
      'viewing_trip_site',
      'viewing_trip_client',
      'viewing_trip',
      'rectification_check',
      'rectification',
      'inspection_photo',
      'inspection',
      'callback_attempt',
    ]) {
      await queryRunner.dropTable(table)
    }
    await queryRunner.dropIndex('callback', 'IDX_callback_project_status')
    await queryRunner.dropIndex('callback', 'UQ_callback_project_plan')
    for (const column of ['last_attempt_outcome', 'problem_ticket_id', 'score_schedule', 'score_service', 'score_tidiness', 'score_quality', 'score_design', 'planned_on', 'plan_key']) {
      await queryRunner.dropColumn('callback', column)
    }
    for (const table of ['project_log', 'project_stop', 'project', 'deposit_follow_up', 'deposit']) await queryRunner.dropTable(table)
  }
}
