import { afterEach, beforeEach, expect, it } from 'vitest'
import { forEachDialect } from '../support/dialects'
import { openTestCore, type Session, type TestCore } from '../support/test-core'

forEachDialect('customer search', (h) => {
  let t: TestCore
  let agent: Session
  const names = async (input: Parameters<Session['api']['customers']['search']>[0]): Promise<string[]> =>
    (await agent.api.customers.search(input)).items.map((c) => c.name)

  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: '2025-06-02T02:00:00.000Z' })
    agent = await t.as('agent')
    const add = (name: string, phone: string, more: Record<string, unknown> = {}) => agent.api.customers.create({ name, phone, ...more })
    await add('张三', '13800138000', { community: '阳光花园', sourceChannel: '老客户介绍', grade: 'A 重点' })
    await add('张三丰', '13900139001', { community: '阳光花园二期', sourceChannel: '网络推广', grade: 'B 意向' })
    await add('李四', '13700137000', { community: '绿地小区', sourceChannel: '老客户介绍', grade: 'B 意向' })
    await add('王五', '021-6234 5678', { community: '100%花园' })
    await add('曾小明', '13612305678', { community: '万科城' })
    await add('阿明', '15800158123')
  })
  afterEach(() => t.close())

  it('lists everyone sorted by pinyin, with paging totals', async () => {
    expect(await names({})).toEqual(['阿明', '李四', '王五', '曾小明', '张三', '张三丰'])
    const page1 = await agent.api.customers.search({ pageSize: 4, page: 1 })
    expect(page1).toMatchObject({ total: 6, page: 1, pageSize: 4 })
    expect(page1.items.map((c) => c.name)).toEqual(['阿明', '李四', '王五', '曾小明'])
    const page2 = await agent.api.customers.search({ pageSize: 4, page: 2 })
    expect(page2.items.map((c) => c.name)).toEqual(['张三', '张三丰'])
    expect(page2.total).toBe(6)
    expect(await agent.api.customers.search({ pageSize: 4, page: 3 })).toMatchObject({ items: [], total: 6 })
  })

  it('finds by 尾号 (the last digits), by the head of a number and by the whole number in any format', async () => {
    expect(await names({ q: '8000' })).toEqual(['张三'])
    expect(await names({ q: '9001' })).toEqual(['张三丰'])
    expect(await names({ q: '5678' })).toEqual(['王五', '曾小明'])
    expect(await names({ q: '05678' })).toEqual(['曾小明'])
    // three or four digits are a 尾号 only; from five digits the head of a number matches too
    expect(await names({ q: '139' })).toEqual([])
    expect(await names({ q: '13900' })).toEqual(['张三丰'])
    expect(await names({ q: '+86 138-0013-8000' })).toEqual(['张三'])
    expect(await names({ q: '021 6234 5678' })).toEqual(['王五'])
    expect(await names({ q: '0000' })).toEqual([])
  })

  it('finds by name prefix, pinyin initials and full pinyin', async () => {
    expect(await names({ q: '张' })).toEqual(['张三', '张三丰'])
    expect(await names({ q: '张三丰' })).toEqual(['张三丰'])
    expect(await names({ q: '三' })).toEqual([])
    expect(await names({ q: 'zs' })).toEqual(['张三', '张三丰'])
    expect(await names({ q: 'ZSF' })).toEqual(['张三丰'])
    expect(await names({ q: 'zhangsan' })).toEqual(['张三', '张三丰'])
    expect(await names({ q: 'zhangsanf' })).toEqual(['张三丰'])
    expect(await names({ q: 'lisi' })).toEqual(['李四'])
    // 曾 as a surname is zeng, not ceng
    expect(await names({ q: 'zxm' })).toEqual(['曾小明'])
    expect(await names({ q: 'zengxiao' })).toEqual(['曾小明'])
    expect(await names({ q: 'am' })).toEqual(['阿明'])
  })

  it('finds by a fragment of the community, taking % and _ literally', async () => {
    expect(await names({ community: '花园' })).toEqual(['王五', '张三', '张三丰'])
    expect(await names({ community: '二期' })).toEqual(['张三丰'])
    expect(await names({ community: '100%' })).toEqual(['王五'])
    expect(await names({ community: '%' })).toEqual(['王五'])
    expect(await names({ community: '_' })).toEqual([])
    expect(await names({ community: '花园', q: 'zs' })).toEqual(['张三', '张三丰'])
  })

  it('filters by source channel and grade', async () => {
    expect(await names({ sourceChannel: '老客户介绍' })).toEqual(['李四', '张三'])
    expect(await names({ grade: 'B 意向' })).toEqual(['李四', '张三丰'])
    expect(await names({ grade: 'B 意向', sourceChannel: '老客户介绍' })).toEqual(['李四'])
    const page = await agent.api.customers.search({ sourceChannel: '老客户介绍', pageSize: 1 })
    expect(page.total).toBe(2)
    expect(page.items).toHaveLength(1)
  })

  it('filters by the company-local registration day (23:30 UTC is the next day in Shanghai)', async () => {
    t.clock.set('2025-06-01T23:30:00.000Z') // 2025-06-02 07:30 in Shanghai
    await agent.api.customers.create({ name: '早到', phone: '13811112222' })
    t.clock.set('2025-06-01T15:30:00.000Z') // 2025-06-01 23:30 in Shanghai
    await agent.api.customers.create({ name: '晚到', phone: '13811113333' })
    t.clock.set('2025-06-02T16:00:00.000Z') // 2025-06-03 00:00 in Shanghai
    agent = await t.login(agent.user.username) // idle longer than a session lives
    await agent.api.customers.create({ name: '次日', phone: '13811114444' })

    expect(await names({ q: '早到', createdFrom: '2025-06-02', createdTo: '2025-06-02' })).toEqual(['早到'])
    expect(await names({ q: '早到', createdTo: '2025-06-01' })).toEqual([])
    expect(await names({ createdFrom: '2025-06-01', createdTo: '2025-06-01' })).toEqual(['晚到'])
    expect(await names({ createdFrom: '2025-06-03' })).toEqual(['次日'])
    // the six of beforeEach were registered at 10:00 on 2025-06-02
    expect((await agent.api.customers.search({ createdFrom: '2025-06-02', createdTo: '2025-06-02' })).total).toBe(7)
  })
}, { pgLocales: ['zh-Hans'] })
