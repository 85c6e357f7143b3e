import { Table, type MigrationInterface, type QueryRunner } from 'typeorm'
import { tableKit } from './table-kit'

/**
 * Complaints and repairs followed to closure: tickets with their handling log, attachments,
 * assessments, the callback record (回访) every later kind of callback shares, and staff
 * notifications. A customer gets the completion date repairs measure their warranty from.
 */
export class TicketsAndCallbacks1764201600004 implements MigrationInterface {
  name = 'TicketsAndCallbacks1764201600004'

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = tableKit(queryRunner)

    await queryRunner.addColumn('customer', k.column(k.text('completed_on', 10, true)))

    await queryRunner.createTable(
      new Table({
        name: 'ticket',
        columns: [
          k.id(),
          k.text('no', 20),
          k.text('kind', 10),
          k.text('source', 10),
          k.int('customer_id'),
          // the projects issue adds the table and the foreign key
          k.int('project_id', true),
          k.int('call_id', true),
          k.int('visit_id', true),
          k.text('category', 30),
          k.text('severity', 30),
          k.longText('description', false),
          k.text('expectation', 500, true),
          k.text('address', 120, true),
          k.text('preferred_time', 60, true),
          k.text('completion_date', 10, true),
          k.int('worker_id', true),
          k.time('appointment_at', true),
          k.int('department_id', true),
          k.int('person_id', true),
          k.int('handler_id', true),
          k.text('state', 20),
          k.text('suspended_from', 20, true),
          k.time('suspended_at', true),
          k.text('suspend_reason', 10, true),
          k.int('paused_sec', false, 0),
          // Deadlines and the moments they turn "at risk" are stored, moved forward on every
          // resume, so the risk lists are plain index range scans.
          k.time('response_due_at'),
          k.time('response_risk_at'),
          k.time('responded_at', true),
          k.time('resolution_due_at'),
          k.time('resolution_risk_at'),
          k.time('resolved_at', true),
          k.longText('result'),
          k.time('closed_at', true),
          k.time('cancelled_at', true),
          k.int('escalation_level', false, 0),
          k.time('escalated_at', true),
          // the next moment the watcher has something to do for this ticket (a near-breach notice or an escalation)
          k.time('alert_at', true),
          // bit 1: response near-breach noticed, bit 2: resolution near-breach noticed
          k.int('risk_noticed', false, 0),
          k.text('leader_complaint', 20, true),
          k.int('repeat_of_id', true),
          k.text('satisfaction', 12, true),
          k.int('rating', true),
          k.int('created_by'),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        uniques: [{ columnNames: ['no'] }, { columnNames: ['call_id'] }],
        indices: [
          { columnNames: ['state', 'response_risk_at'] },
          { columnNames: ['state', 'resolution_risk_at'] },
          { columnNames: ['alert_at'] },
          { columnNames: ['created_at'] },
          { columnNames: ['customer_id', 'category', 'created_at'] },
          { columnNames: ['handler_id', 'state'] },
          { columnNames: ['person_id', 'state'] },
          { columnNames: ['department_id', 'state'] },
          { columnNames: ['repeat_of_id'] },
        ],
        foreignKeys: [
          { columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'] },
          { columnNames: ['call_id'], referencedTableName: 'call_log', referencedColumnNames: ['id'] },
          { columnNames: ['visit_id'], referencedTableName: 'visit', referencedColumnNames: ['id'] },
          { columnNames: ['worker_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { columnNames: ['department_id'], referencedTableName: 'department', referencedColumnNames: ['id'] },
          { columnNames: ['person_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { columnNames: ['handler_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
          { columnNames: ['repeat_of_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] },
          { columnNames: ['created_by'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'ticket_log',
        columns: [
          k.id(),
          k.int('ticket_id'),
          k.text('action', 20),
          k.text('from_state', 20, true),
          k.text('to_state', 20, true),
          k.longText('note'),
          k.int('actor_id', true),
          k.int('on_behalf_of', true),
          k.time('at'),
          k.longText('data'),
        ],
        indices: [{ columnNames: ['ticket_id', 'id'] }],
        foreignKeys: [
          { columnNames: ['ticket_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] },
          { columnNames: ['actor_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
          { columnNames: ['on_behalf_of'], referencedTableName: 'person', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'ticket_attachment',
        columns: [k.id(), k.int('ticket_id'), k.text('hash', 64), k.text('name', 200), k.text('mime', 60), k.int('size'), k.int('uploaded_by'), k.time('uploaded_at')],
        indices: [{ columnNames: ['ticket_id'] }, { columnNames: ['hash'] }],
        foreignKeys: [
          { columnNames: ['ticket_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] },
          { columnNames: ['uploaded_by'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'assessment',
        columns: [
          k.id(),
          k.int('ticket_id'),
          k.int('person_id'),
          k.int('department_id', true),
          k.text('reason', 20),
          k.money('proposed_fen', false),
          k.money('amount_fen'),
          k.text('status', 10),
          k.longText('note'),
          k.int('proposed_by'),
          k.time('proposed_at'),
          k.int('decided_by', true),
          k.time('decided_at', true),
          k.text('decision_note', 500, true),
        ],
        indices: [{ columnNames: ['status', 'proposed_at'] }, { columnNames: ['ticket_id'] }, { columnNames: ['person_id'] }],
        foreignKeys: [
          { columnNames: ['ticket_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] },
          { columnNames: ['person_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { columnNames: ['department_id'], referencedTableName: 'department', referencedColumnNames: ['id'] },
          { columnNames: ['proposed_by'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
          { columnNames: ['decided_by'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'callback',
        columns: [
          k.id(),
          k.text('kind', 30),
          k.text('status', 10),
          k.int('customer_id'),
          k.int('ticket_id', true),
          // the projects issue adds the table and the foreign key
          k.int('project_id', true),
          k.text('reason', 200),
          k.text('due_on', 10),
          k.int('agent_id', true),
          k.int('attempts', false, 0),
          k.time('last_attempt_at', true),
          k.text('last_attempt_note', 200, true),
          k.text('result', 12, true),
          k.int('rating', true),
          k.longText('comment'),
          k.int('call_id', true),
          k.time('done_at', true),
          k.int('done_by', true),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [
          { columnNames: ['status', 'due_on'] },
          { columnNames: ['agent_id', 'status', 'due_on'] },
          { columnNames: ['ticket_id'] },
          { columnNames: ['customer_id', 'status'] },
        ],
        foreignKeys: [
          { columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'] },
          { columnNames: ['ticket_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] },
          { columnNames: ['agent_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
          { columnNames: ['call_id'], referencedTableName: 'call_log', referencedColumnNames: ['id'] },
          { columnNames: ['done_by'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'notification',
        columns: [k.id(), k.int('staff_id'), k.text('kind', 20), k.text('title', 200), k.text('body', 500), k.int('ticket_id', true), k.time('created_at'), k.time('read_at', true)],
        indices: [{ columnNames: ['staff_id', 'id'] }, { columnNames: ['staff_id', 'read_at'] }],
        foreignKeys: [
          { columnNames: ['staff_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
          { columnNames: ['ticket_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] },
        ],
      }),
    )
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['notification', 'callback', 'assessment', 'ticket_attachment', 'ticket_log', 'ticket']) await queryRunner.dropTable(table)
    await queryRunner.dropColumn('customer', 'completed_on')
  }
}
