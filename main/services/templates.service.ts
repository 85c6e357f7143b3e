import type { ReplyTemplate } from '../contract/templates.contract'
import { AppError } from '../contract/errors'
import { repo, type ReplyTemplateRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { EventBus } from './event-bus'

export interface TemplateInput {
  id?: number
  version?: number
  category: string
  title: string
  body: string
  keywords: string[]
  sortOrder: number
}

function toDto(row: ReplyTemplateRow): ReplyTemplate {
  return {
    id: row.id,
    category: row.category,
    title: row.title,
    body: row.body,
    keywords: JSON.parse(row.keywords) as string[],
    sortOrder: row.sortOrder,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  }
}

/** Standard replies (标准回复模板): every desk reads them, managers keep them. */
export class TemplatesService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  async list(input: { q?: string | null; category?: string | null }): Promise<ReplyTemplate[]> {
    const query = this.store.read
      .getRepository<ReplyTemplateRow>('reply_template')
      .createQueryBuilder('t')
      .where('t.active = :active', { active: true })
    if (input.category) query.andWhere('t.category = :category', { category: input.category })
    const rows = await query.orderBy('t.category', 'ASC').addOrderBy('t.sort_order', 'ASC').addOrderBy('t.id', 'ASC').getMany()
    // A few hundred rows at most: matching here searches the keywords themselves, not the JSON they are kept in.
    const q = input.q?.toLowerCase()
    const templates = rows.map(toDto)
    return q ? templates.filter((t) => [t.title, t.body, ...t.keywords].some((text) => text.toLowerCase().includes(q))) : templates
  }

  async save(input: TemplateInput, ctx: CallContext): Promise<ReplyTemplate> {
    const user = actor(ctx)
    const now = this.now()
    const values = { category: input.category, title: input.title, body: input.body, keywords: JSON.stringify([...new Set(input.keywords)]), sortOrder: input.sortOrder, updatedBy: user.id, updatedAt: now }
    const id = await this.store.write(async (em) => {
      if (input.id === undefined) return insertRows(em, 'reply_template', { ...values, active: true, createdAt: now, version: 1 })
      const existing = await repo(em, 'reply_template').findOneBy({ id: input.id, active: true })
      if (!existing) throw new AppError('NOT_FOUND', '模板不存在或已删除', { id: '模板不存在或已删除' })
      if (input.version === undefined) throw AppError.field('version', '修改模板需要版本号')
      const result = await em
        .createQueryBuilder()
        .update('reply_template')
        .set({ ...values, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: input.id, version: input.version })
        .execute()
      if (!result.affected) throw new AppError('CONFLICT', '该模板已被他人修改，请刷新后再保存')
      return input.id
    })
    this.events.emit({ type: 'dataChanged', area: 'templates', id })
    return toDto((await repo(this.store.read, 'reply_template').findOneBy({ id })) as ReplyTemplateRow)
  }

  /** Kept as inactive: a removed reply may still be quoted in old call summaries' history. */
  async remove(input: { id: number }): Promise<void> {
    await this.store.write(async (em) => {
      const result = await repo(em, 'reply_template').update({ id: input.id, active: true }, { active: false, updatedAt: this.now() })
      if (!result.affected) throw new AppError('NOT_FOUND', '模板不存在或已删除', { id: '模板不存在或已删除' })
    })
    this.events.emit({ type: 'dataChanged', area: 'templates', id: input.id })
  }
}
