import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { ElMessage } from 'element-plus'
import { AppError } from '@contract/errors'
import { useDetailRecord } from '@renderer/use-detail-record'

interface Row {
  id: number
  name: string
}

/** The composable inside a component, over a `get` whose answers the test gives by hand. */
function withRecord(startId: number | null) {
  const id = ref<number | null>(startId)
  const calls: { id: number; resolve: (row: Row) => void; reject: (error: unknown) => void }[] = []
  const get = (asked: number) => new Promise<Row>((resolve, reject) => calls.push({ id: asked, resolve, reject }))
  let detail!: ReturnType<typeof useDetailRecord<Row>>
  mount(
    defineComponent({
      setup() {
        detail = useDetailRecord<Row>({ id: () => id.value, get })
        return () => h('div')
      },
    }),
  )
  return { id, calls, detail }
}

afterEach(() => vi.restoreAllMocks())

describe('useDetailRecord', () => {
  it('reads the record the id names, loading meanwhile', async () => {
    const { calls, detail } = withRecord(3)
    const done = detail.load()
    expect(detail.loading.value).toBe(true)
    expect(calls.map((c) => c.id)).toEqual([3])
    calls[0].resolve({ id: 3, name: '张三' })
    await expect(done).resolves.toBe(true)
    expect(detail.record.value).toEqual({ id: 3, name: '张三' })
    expect(detail.loading.value).toBe(false)
  })

  it('asks nothing without an id', async () => {
    const { calls, detail } = withRecord(null)
    await expect(detail.load()).resolves.toBe(false)
    expect(calls).toEqual([])
  })

  it('drops an answer that comes back after the id moved on', async () => {
    const { id, calls, detail } = withRecord(3)
    const first = detail.load()
    id.value = 4
    const second = detail.load()
    calls[1].resolve({ id: 4, name: '李四' })
    await second
    calls[0].resolve({ id: 3, name: '张三' })
    await expect(first).resolves.toBe(false)
    expect(detail.record.value).toEqual({ id: 4, name: '李四' })
  })

  it('shows the message of a record that is gone or not one’s own, and clears it once one loads', async () => {
    const { calls, detail } = withRecord(3)
    const gone = detail.load()
    calls[0].reject(new AppError('NOT_FOUND', '记录不存在'))
    await expect(gone).resolves.toBe(false)
    expect(detail.notFound.value).toBe('记录不存在')
    const again = detail.load()
    calls[1].resolve({ id: 3, name: '张三' })
    await again
    expect(detail.notFound.value).toBeNull()
  })

  it('says any other failure once and keeps what is shown', async () => {
    const error = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: () => undefined }) as never)
    const { calls, detail } = withRecord(3)
    const first = detail.load()
    calls[0].resolve({ id: 3, name: '张三' })
    await first
    const failed = detail.load()
    calls[1].reject(new AppError('INTERNAL', '系统错误'))
    await expect(failed).resolves.toBe(false)
    expect(error).toHaveBeenCalledWith({ message: '系统错误', grouping: true })
    expect(detail.record.value).toEqual({ id: 3, name: '张三' })
    expect(detail.notFound.value).toBeNull()
    expect(detail.loading.value).toBe(false)
  })
})
