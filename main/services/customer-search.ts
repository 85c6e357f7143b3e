import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { CustomerListItem, Page } from '../contract/customers.contract'
import { normalizePhone } from '../contract/phone'
import { companyDayRange } from '../contract/time'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import { phoneForUser } from './customer-dto'
import { isPinyinQuery } from './name-keys'

export interface CustomerSearchInput {
  q: string | null
  community: string | null
  sourceChannel: string | null
  grade: string | null
  createdFrom?: string
  createdTo?: string
  page: number
  pageSize: number
}

// Upper bounds for prefix ranges: ':' sorts right after '9', '{' after 'z', U+FFFF after every CJK character.
const DIGIT_END = ':'
const LETTER_END = '{'
const TEXT_END = '\uffff'

export function reverseDigits(digits: string): string {
  return [...digits].reverse().join('')
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * The prefix ranges below need code-point order. PostgreSQL compares text by the database's
 * collation, and under a language collation (zh_CN, en_US) 'zs{' sorts before 'zsf' and
 * '0008:' before '00083…', so the ranges would miss rows: compare in "C" there.
 */
function binary(qb: SelectQueryBuilder<ObjectLiteral>, column: string): string {
  return qb.connection.options.type === 'postgres' ? `${column} COLLATE "C"` : column
}

/**
 * Every condition is an index range: 尾号 through the reversed-number index, pinyin and
 * initials through their own, a community fragment through the small community table.
 */
function applyFilters(qb: SelectQueryBuilder<ObjectLiteral>, input: CustomerSearchInput, ctx: { localAreaCode: string; timeZone: string }): void {
  const b = (column: string): string => binary(qb, column)
  const q = input.q?.trim() ?? ''
  const digits = q.replace(/[\s\-()+]/g, '')
  if (q && /^\d{3,}$/.test(digits)) {
    const full = digits.length >= 7 ? normalizePhone(q, ctx.localAreaCode) : null
    const reversed = reverseDigits(digits)
    const tail = `SELECT customer_id FROM customer_phone WHERE ${b('reversed')} >= :rev AND ${b('reversed')} < :revEnd`
    const head = `SELECT customer_id FROM customer_phone WHERE ${b('normalized')} >= :head AND ${b('normalized')} < :headEnd`
    if (full) {
      qb.andWhere('c.id IN (SELECT customer_id FROM customer_phone WHERE normalized = :normalized)', { normalized: full.normalized })
    } else if (digits.length <= 4) {
      // Three or four digits are a 尾号: as a number start they would match thousands of mobiles.
      qb.andWhere(`c.id IN (${tail})`, { rev: reversed, revEnd: reversed + DIGIT_END })
    } else {
      qb.andWhere(`c.id IN (${tail} UNION ${head})`, { rev: reversed, revEnd: reversed + DIGIT_END, head: digits, headEnd: digits + DIGIT_END })
    }
  } else if (q && isPinyinQuery(q)) {
    const p = q.toLowerCase()
    qb.andWhere(`((${b('c.name_initials')} >= :p AND ${b('c.name_initials')} < :pEnd) OR (${b('c.name_pinyin')} >= :p AND ${b('c.name_pinyin')} < :pEnd))`, {
      p,
      pEnd: p + LETTER_END,
    })
  } else if (q) {
    qb.andWhere(`${b('c.name')} >= :name AND ${b('c.name')} < :nameEnd`, { name: q, nameEnd: q + TEXT_END })
  }
  if (input.community) {
    qb.andWhere("c.community IN (SELECT name FROM community WHERE name LIKE :community ESCAPE '\\')", {
      community: `%${escapeLike(input.community)}%`,
    })
  }
  if (input.sourceChannel) qb.andWhere('c.source_channel = :source', { source: input.sourceChannel })
  if (input.grade) qb.andWhere('c.grade = :grade', { grade: input.grade })
  if (input.createdFrom) qb.andWhere('c.created_at >= :from', { from: companyDayRange(input.createdFrom, ctx.timeZone).from })
  if (input.createdTo) qb.andWhere('c.created_at < :to', { to: companyDayRange(input.createdTo, ctx.timeZone).to })
}

interface ListRow {
  id: number
  name: string
  normalized: string | null
  community: string | null
  grade: string | null
  sourceChannel: string | null
  designerId: number | null
  designerName: string | null
  lastContactAt: string | Date | null
  createdAt: string | Date
}

export async function searchCustomers(
  em: EntityManager,
  input: CustomerSearchInput,
  ctx: { user: SessionUser; localAreaCode: string; timeZone: string },
): Promise<Page<CustomerListItem>> {
  const base = em.createQueryBuilder().from('customer', 'c')
  applyFilters(base, input, ctx)
  // Sort and cut the page on the bare ids first, then join phone and designer for those rows only.
  const pageIds = (sub: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> => {
    applyFilters(sub.from('customer', 'c'), input, ctx)
    return sub
      .select('c.id', 'id')
      .orderBy('c.name_pinyin', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
  }
  const [count, rows] = await Promise.all([
    base.clone().select('COUNT(*)', 'n').getRawOne<{ n: unknown }>(),
    em
      .createQueryBuilder()
      .from(pageIds, 'pg')
      .innerJoin('customer', 'c', 'c.id = pg.id')
      .select(['c.id AS id', 'c.name AS name', 'ph.normalized AS normalized', 'c.community AS community', 'c.grade AS grade'])
      .addSelect(['c.source_channel AS "sourceChannel"', 'd.id AS "designerId"', 'd.name AS "designerName"'])
      .addSelect(['c.last_contact_at AS "lastContactAt"', 'c.created_at AS "createdAt"'])
      .leftJoin('customer_phone', 'ph', 'ph.customer_id = c.id AND ph.is_primary = :primary', { primary: true })
      .leftJoin('person', 'd', 'd.id = c.following_designer_id')
      .orderBy('c.name_pinyin', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<ListRow>(),
  ])
  return {
    items: rows.map((r) => listItem(r, ctx.user)),
    total: toNumber(count?.n),
    page: input.page,
    pageSize: input.pageSize,
  }
}

export function listItem(r: ListRow, user: SessionUser): CustomerListItem {
  return {
    id: r.id,
    name: r.name,
    phone: phoneForUser(r.normalized, user),
    community: r.community,
    grade: r.grade,
    sourceChannel: r.sourceChannel,
    followingDesigner: r.designerId ? { id: r.designerId, name: r.designerName ?? '' } : null,
    lastContactAt: toIsoOrNull(r.lastContactAt),
    createdAt: toIso(r.createdAt),
  }
}

export type { ListRow }
