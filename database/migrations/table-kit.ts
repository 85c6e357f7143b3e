import { TableColumn, type QueryRunner, type TableColumnOptions } from 'typeorm'
import { timestampType, type Dialect } from '../dialect'

/**
 * Column builders for migrations. Tables are created through the QueryRunner Table API so
 * that one migration runs on SQLite and PostgreSQL alike; only the timestamp type differs.
 */
export function tableKit(queryRunner: QueryRunner) {
  const dialect: Dialect = queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite'
  const ts = timestampType(dialect)
  return {
    dialect,
    id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
    text: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
    longText: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    int: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    }),
    money: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
    real: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'real', isNullable: nullable }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', default: defaultValue ? 'true' : 'false' }),
    time: (name: string, nullable = false): TableColumnOptions => ({ name, type: ts, isNullable: nullable }),
    /** PostgreSQL needs the column default: TypeORM fills created/updated itself only on SQLite. */
    stamp: (name: string): TableColumnOptions => ({ name, type: ts, default: 'CURRENT_TIMESTAMP' }),
    column: (options: TableColumnOptions): TableColumn => new TableColumn(options),
  }
}
