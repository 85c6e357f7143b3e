import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The customer searches compare prefixes in code-point order (COLLATE "C" on PostgreSQL, since a
 * language collation sorts 'zs{' before 'zsf'). PostgreSQL only uses an index for such a range
 * when the index has the same collation; SQLite's default BINARY indexes already serve it.
 */
export class BinaryOrderSearchIndexes1764201600002 implements MigrationInterface {
  name = 'BinaryOrderSearchIndexes1764201600002'

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return
    const indexes: [string, string, string][] = [
      ['IDX_customer_name_c', 'customer', 'name'],
      ['IDX_customer_name_pinyin_c', 'customer', 'name_pinyin'],
      ['IDX_customer_name_initials_c', 'customer', 'name_initials'],
      ['IDX_customer_phone_reversed_c', 'customer_phone', 'reversed'],
      ['IDX_customer_phone_normalized_c', 'customer_phone', 'normalized'],
    ]
    for (const [name, table, column] of indexes) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" ("${column}" COLLATE "C")`)
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return
    for (const name of ['IDX_customer_name_c', 'IDX_customer_name_pinyin_c', 'IDX_customer_name_initials_c', 'IDX_customer_phone_reversed_c', 'IDX_customer_phone_normalized_c']) {
      await queryRunner.query(`DROP INDEX "${name}"`)
    }
  }
}
