import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo } from '../../database/entities'
import type { ReplyTemplate } from '../../main/contract/templates.contract'
import { countRows, snapshotDb, type DbSnapshot } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T02:00:00.000Z'

/** What the search is meant to find, worked out here rather than by the service. */
const matches = (tpl: ReplyTemplate, q: string): boolean => tpl.title.includes(q) || tpl.body.includes(q) || tpl.keywords.some((k) => k.includes(q))

forEachDialect('reply templates', (h) => {
  let t: TestCore
  let manager: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    manager = await t.as('manager')
  })
  afterEach(() => t.close())

  const snapshot = async (): Promise<DbSnapshot> => {
    await t.core.audit.flush()
    return snapshotDb(t.core.store)
  }

  it('the migration ships the zh-CN defaults a renovation company’s agents need', async () => {
    const all = await (await t.as('agent')).api.templates.list({})
    expect(all.length).toBeGreaterThanOrEqual(10)
    const titles = all.map((x) => x.title)
    for (const title of ['报价方式', '施工工期', '保修政策', '量房流程', '付款方式', '主材品牌', '投诉受理流程']) expect(titles, title).toContain(title)
    expect(new Set(all.map((x) => x.category))).toEqual(new Set(['报价', '工期', '保修', '量房', '付款', '材料', '投诉', '售后', '其他']))
    for (const tpl of all) {
      expect(tpl.body, tpl.title).toMatch(CJK)
      expect(tpl.body.length, tpl.title).toBeGreaterThan(30)
      expect(tpl.keywords.length, tpl.title).toBeGreaterThan(0)
      expect(tpl.version).toBe(1)
    }
    expect(all.find((x) => x.title === '保修政策')?.body).toContain('防水工程保修 5 年')
    // within a category, in their order
    const complaint = all.filter((x) => x.category === '投诉')
    expect(complaint.map((x) => x.title)).toEqual(['投诉受理流程', '安抚与承诺时限'])
    expect(complaint[0].sortOrder).toBeLessThan(complaint[1].sortOrder)
  })

  it('q matches the title, the body and the keywords', async () => {
    const agent = await t.as('agent')
    const all = await agent.api.templates.list({})
    expect((await agent.api.templates.list({ q: '多少钱' })).map((x) => x.title)).toEqual(['报价方式']) // a keyword only
    expect((await agent.api.templates.list({ q: '样板间' })).map((x) => x.title)).toEqual(['预约到店']) // the body only
    expect((await agent.api.templates.list({ q: '半包与全包' })).map((x) => x.title)).toEqual(['半包与全包的区别']) // the title only
    for (const q of ['工期', '保修', '量房', '定金', '投诉', '环保', '24 小时']) {
      const found = await agent.api.templates.list({ q })
      const expected = all.filter((x) => matches(x, q))
      expect(expected.length, q).toBeGreaterThan(0)
      expect(found.map((x) => x.id).sort((a, b) => a - b), q).toEqual(expected.map((x) => x.id).sort((a, b) => a - b))
    }
    expect(await agent.api.templates.list({ q: '火星殖民' })).toEqual([])
    // blank q is no filter
    expect((await agent.api.templates.list({ q: '  ' })).length).toBe(all.length)
  })

  // Regression: keywords are stored as JSON text; searched with LIKE on that text, the JSON's own
  // punctuation matched, so q '"' or ',' found every template with keywords.
  it('q matches keywords, not the JSON they are stored in', async () => {
    const agent = await t.as('agent')
    const all = await agent.api.templates.list({})
    for (const q of ['"', ',', '","', '["']) {
      const expected = all.filter((x) => matches(x, q)).map((x) => x.id)
      expect((await agent.api.templates.list({ q })).map((x) => x.id), q).toEqual(expected)
    }
  })

  it('% and _ (and \\) in q are matched literally', async () => {
    const percent = await manager.api.templates.save({ category: '活动', title: '满10万返现5%', body: '签约满10万返现5%，以活动规则为准。', keywords: ['返现'] })
    const underscore = await manager.api.templates.save({ category: '活动', title: '活动编号', body: '请在备注里写活动编号 A_2025。', keywords: ['编号'] })
    const backslash = await manager.api.templates.save({ category: '活动', title: '文件路径', body: '资料在 D:\\资料\\报价 目录。', keywords: ['路径'] })
    const agent = await t.as('agent')
    expect((await agent.api.templates.list({ q: '%' })).map((x) => x.id)).toEqual([percent.id])
    expect((await agent.api.templates.list({ q: '5%' })).map((x) => x.id)).toEqual([percent.id])
    expect((await agent.api.templates.list({ q: '_' })).map((x) => x.id)).toEqual([underscore.id])
    expect((await agent.api.templates.list({ q: 'A_2' })).map((x) => x.id)).toEqual([underscore.id])
    expect(await agent.api.templates.list({ q: 'A_3' })).toEqual([])
    // `_` is no wildcard for one character, `%` none for many
    expect(await agent.api.templates.list({ q: '满_万' })).toEqual([])
    expect(await agent.api.templates.list({ q: '满%返现' })).toEqual([])
    expect((await agent.api.templates.list({ q: '\\' })).map((x) => x.id)).toEqual([backslash.id])
    expect((await agent.api.templates.list({ q: ':\\资料' })).map((x) => x.id)).toEqual([backslash.id])
  })

  // Regression: with plain LIKE, SQLite ignored the case of Latin letters and PostgreSQL did not,
  // so 'vip' found 'VIP客户接待' on one store only.
  it('finds Latin letters whatever their case, the same on every store', async () => {
    const vip = await manager.api.templates.save({ category: '接待', title: 'VIP客户接待', body: '请引导到 VIP 洽谈室，并通知 Design 总监。', keywords: ['VIP'] })
    const agent = await t.as('agent')
    for (const q of ['VIP', 'vip', 'Vip', 'design', 'DESIGN']) expect((await agent.api.templates.list({ q })).map((x) => x.id), q).toEqual([vip.id])
  })

  it('filters by category, alone or with q', async () => {
    const agent = await t.as('agent')
    const all = await agent.api.templates.list({})
    const complaint = await agent.api.templates.list({ category: '投诉' })
    expect(complaint.map((x) => x.id)).toEqual(all.filter((x) => x.category === '投诉').map((x) => x.id))
    expect(complaint.length).toBe(2)
    expect((await agent.api.templates.list({ category: '投诉', q: '着急' })).map((x) => x.title)).toEqual(['安抚与承诺时限'])
    expect(await agent.api.templates.list({ category: '投诉', q: '多少钱' })).toEqual([])
    expect(await agent.api.templates.list({ category: '不存在' })).toEqual([])
  })

  it('save creates and updates with version checks; a stale version is a CONFLICT and changes nothing', async () => {
    const created = await manager.api.templates.save({ category: '报价', title: '预算不够怎么办', body: '可以先做基础装修，软装后期再添。', keywords: ['预算', '便宜', '预算'], sortOrder: 5 })
    expect(created).toMatchObject({ id: expect.any(Number), category: '报价', title: '预算不够怎么办', keywords: ['预算', '便宜'], sortOrder: 5, version: 1, updatedAt: NOW })
    const agent = await t.as('agent')
    expect((await agent.api.templates.list({ q: '便宜' })).map((x) => x.id)).toEqual([created.id])

    t.clock.advance({ hours: 1 })
    const updated = await manager.api.templates.save({ id: created.id, version: created.version, category: '报价', title: '预算有限怎么办', body: '可以先做硬装，软装后期再添。', keywords: ['预算'] })
    expect(updated).toMatchObject({ id: created.id, title: '预算有限怎么办', keywords: ['预算'], version: 2, updatedAt: '2025-06-02T03:00:00.000Z', sortOrder: 0 })
    expect(await agent.api.templates.list({ q: '便宜' })).toEqual([])

    const before = await snapshot()
    const stale = await failure(manager.api.templates.save({ id: created.id, version: created.version, category: '报价', title: '旧版本覆盖', body: '覆盖', keywords: [] }))
    expect(stale.code).toBe('CONFLICT')
    expect(stale.message).toMatch(CJK)
    expect(await failure(manager.api.templates.save({ id: created.id, category: '报价', title: '没有版本号', body: '覆盖', keywords: [] }))).toMatchObject({ code: 'VALIDATION', fields: { version: expect.any(String) } })
    expect(await failure(manager.api.templates.save({ id: 99999, version: 1, category: '报价', title: '不存在', body: '覆盖', keywords: [] }))).toMatchObject({ code: 'NOT_FOUND' })
    for (const [input, field] of [
      [{ category: '报价', title: '', body: '正文', keywords: [] }, 'title'],
      [{ category: '', title: '标题', body: '正文', keywords: [] }, 'category'],
      [{ category: '报价', title: '标题', body: 'x'.repeat(2001), keywords: [] }, 'body'],
      [{ category: '报价', title: '标题', body: '正文', keywords: Array.from({ length: 21 }, (_, i) => `k${i}`) }, 'keywords'],
    ] as const) {
      const refused = await failure(manager.api.templates.save(input as never))
      expect(refused.code, field).toBe('VALIDATION')
      expect(Object.keys(refused.fields ?? {}).some((k) => k === field || k.startsWith(`${field}.`)), field).toBe(true)
    }
    expect(await snapshot()).toEqual(before)

    // two managers saving the same version at once: one wins
    const other = await t.createStaff('manager', { username: 'manager2' })
    const second = await t.login(other.username)
    const results = await Promise.allSettled([
      manager.api.templates.save({ id: created.id, version: updated.version, category: '报价', title: '甲', body: '甲', keywords: [] }),
      second.api.templates.save({ id: created.id, version: updated.version, category: '报价', title: '乙', body: '乙', keywords: [] }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect((await agent.api.templates.list({ category: '报价' })).find((x) => x.id === created.id)?.version).toBe(3)
  })

  it('remove hides a template from every list but keeps the row; removing it again is NOT_FOUND', async () => {
    const agent = await t.as('agent')
    const [target] = await agent.api.templates.list({ q: '设计费' })
    const count = (await agent.api.templates.list({})).length
    await manager.api.templates.remove({ id: target.id })
    expect((await agent.api.templates.list({})).length).toBe(count - 1)
    expect(await agent.api.templates.list({ q: '设计费' })).toEqual([])
    expect(await agent.api.templates.list({ category: '其他' })).toEqual([])
    expect(await repo(t.core.store.writer.manager, 'reply_template').findOneByOrFail({ id: target.id })).toMatchObject({ active: false, title: '设计费' })
    const before = await snapshot()
    expect((await failure(manager.api.templates.remove({ id: target.id }))).code).toBe('NOT_FOUND')
    expect((await failure(manager.api.templates.save({ id: target.id, version: target.version, category: '其他', title: '复活', body: '复活', keywords: [] }))).code).toBe('NOT_FOUND')
    expect((await failure(manager.api.templates.remove({ id: 99999 }))).code).toBe('NOT_FOUND')
    expect(await snapshot()).toEqual(before)
  })

  it('everyone at a desk may read them; only a manager may save or remove (FORBIDDEN, nothing written)', async () => {
    const [sample] = await manager.api.templates.list({})
    for (const role of ['receptionist', 'agent', 'shiftLead'] as const) {
      const session = await t.as(role)
      expect((await session.api.templates.list({ q: '报价' })).length, role).toBeGreaterThan(0)
    }
    const before = await snapshot()
    for (const role of ['receptionist', 'agent', 'shiftLead', 'admin'] as const) {
      const session = await t.as(role)
      expect((await failure(session.api.templates.save({ category: '报价', title: '偷偷加的', body: '正文', keywords: [] }))).code, role).toBe('FORBIDDEN')
      expect((await failure(session.api.templates.save({ id: sample.id, version: sample.version, category: '报价', title: '偷偷改的', body: '正文', keywords: [] }))).code, role).toBe('FORBIDDEN')
      expect((await failure(session.api.templates.remove({ id: sample.id }))).code, role).toBe('FORBIDDEN')
    }
    // admins run accounts and settings, not the phones
    expect((await failure((await t.admin()).api.templates.list({}))).code).toBe('FORBIDDEN')
    expect(await snapshot()).toEqual(before)
    const rows = await countRows(t.core.store, 'reply_template')
    await manager.api.templates.save({ category: '报价', title: '经理加的', body: '正文', keywords: [] })
    expect(await countRows(t.core.store, 'reply_template')).toBe(rows + 1)
  })
})
