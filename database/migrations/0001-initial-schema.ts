import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm'
import { tableKit } from './table-kit'

/** Accounts, organisation, settings, customers with their phones, walk-in visits and the audit log. */
export class InitialSchema1764201600001 implements MigrationInterface {
  name = 'InitialSchema1764201600001'

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = tableKit(queryRunner)

    await queryRunner.createTable(
      new Table({
        name: 'setting',
        columns: [
          { name: 'key', type: 'varchar', length: '60', isPrimary: true },
          k.longText('value', false),
          k.int('updated_by', true),
          k.stamp('updated_at'),
        ],
      }),
    )

    // person before department: a department's head is a person, a person belongs to a department.
    await queryRunner.createTable(
      new Table({
        name: 'person',
        columns: [
          k.id(),
          k.text('name', 32),
          k.text('kind', 20),
          k.int('department_id', true),
          k.text('phone', 30, true),
          k.bool('is_general_manager', false),
          k.bool('active', true),
          k.stamp('created_at'),
          k.stamp('updated_at'),
        ],
        indices: [{ columnNames: ['kind', 'active'] }, { columnNames: ['department_id'] }],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'department',
        columns: [
          k.id(),
          k.text('name', 30),
          k.int('head_person_id', true),
          k.bool('active', true),
          k.int('sort_order', false, 0),
          k.stamp('created_at'),
          k.stamp('updated_at'),
        ],
        uniques: [{ columnNames: ['name'] }],
        foreignKeys: [{ columnNames: ['head_person_id'], referencedTableName: 'person', referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
      }),
    )
    await queryRunner.createForeignKey(
      'person',
      new TableForeignKey({ columnNames: ['department_id'], referencedTableName: 'department', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'staff_account',
        columns: [
          k.id(),
          k.text('username', 32),
          k.text('display_name', 32),
          k.text('role', 20),
          k.text('password_hash', 255),
          k.bool('active', true),
          k.int('failed_logins', false, 0),
          k.time('locked_until', true),
          k.time('last_login_at', true),
          k.int('person_id', true),
          k.stamp('created_at'),
          k.stamp('updated_at'),
        ],
        uniques: [{ columnNames: ['username'] }],
        foreignKeys: [{ columnNames: ['person_id'], referencedTableName: 'person', referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'customer',
        columns: [
          k.id(),
          k.text('name', 32),
          k.text('name_pinyin', 200),
          k.text('name_initials', 40),
          k.text('community', 60, true),
          k.text('address', 120, true),
          k.text('house_type', 30, true),
          k.real('area_sqm'),
          k.money('budget_min_fen'),
          k.money('budget_max_fen'),
          k.text('style', 30, true),
          k.text('source_channel', 30, true),
          k.text('grade', 30, true),
          k.longText('tags', false),
          k.longText('notes'),
          k.int('owner_agent_id', true),
          k.int('following_designer_id', true),
          k.time('following_since', true),
          k.time('last_contact_at', true),
          k.int('referrer_id', true),
          k.int('created_by', true),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [
          { columnNames: ['name_pinyin'] },
          { columnNames: ['name_initials'] },
          { columnNames: ['name'] },
          { columnNames: ['community', 'name_pinyin'] },
          { columnNames: ['source_channel'] },
          { columnNames: ['grade'] },
          { columnNames: ['created_at'] },
          { columnNames: ['following_designer_id'] },
        ],
        foreignKeys: [
          { columnNames: ['owner_agent_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
          { columnNames: ['following_designer_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { columnNames: ['referrer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'] },
          { columnNames: ['created_by'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'customer_phone',
        columns: [
          k.id(),
          k.int('customer_id'),
          k.text('normalized', 20),
          k.text('reversed', 20),
          k.text('raw', 30),
          k.text('kind', 10),
          k.text('region', 40, true),
          k.text('carrier', 20, true),
          k.bool('is_primary', false),
          k.stamp('created_at'),
        ],
        uniques: [{ columnNames: ['normalized'] }],
        indices: [{ columnNames: ['reversed'] }, { columnNames: ['customer_id'] }],
        foreignKeys: [{ columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    )

    await queryRunner.createTable(
      new Table({ name: 'community', columns: [k.id(), k.text('name', 60)], uniques: [{ columnNames: ['name'] }] }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'visit',
        columns: [
          k.id(),
          k.int('customer_id'),
          k.time('arrived_at'),
          k.text('status', 20),
          k.time('with_designer_at', true),
          k.time('left_at', true),
          k.int('party_size', false, 1),
          k.text('intent_level', 10),
          k.text('source_channel', 30, true),
          k.text('community', 60, true),
          k.text('house_type', 30, true),
          k.real('area_sqm'),
          k.money('budget_min_fen'),
          k.money('budget_max_fen'),
          k.text('style', 30, true),
          k.longText('notes'),
          k.text('outcome', 200, true),
          k.int('designer_id', true),
          k.int('receptionist_id'),
          k.bool('collision', false),
          k.stamp('created_at'),
          k.stamp('updated_at'),
        ],
        indices: [{ columnNames: ['customer_id', 'arrived_at'] }, { columnNames: ['arrived_at'] }, { columnNames: ['designer_id', 'arrived_at'] }],
        foreignKeys: [
          { columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'] },
          { columnNames: ['designer_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { columnNames: ['receptionist_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          k.id(),
          k.time('at'),
          k.int('actor_id', true),
          k.text('action', 20),
          k.text('method', 60),
          k.int('entity_id', true),
          k.longText('detail'),
        ],
        indices: [{ columnNames: ['at'] }, { columnNames: ['actor_id', 'at'] }],
      }),
    )
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'visit', 'community', 'customer_phone', 'customer', 'staff_account']) {
      await queryRunner.dropTable(table)
    }
    await queryRunner.dropForeignKeys('person', (await queryRunner.getTable('person'))?.foreignKeys ?? [])
    await queryRunner.dropTable('department')
    await queryRunner.dropTable('person')
  }
}

