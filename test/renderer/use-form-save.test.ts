import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { ElMessage } from 'element-plus'
import { AppError } from '@contract/errors'
import { createAppI18n } from '@renderer/i18n'
import { useFormSave, type FormSaveOptions } from '@renderer/use-form-save'

/** The composable inside a component, the way a dialog uses it. */
function withSave(options: Partial<FormSaveOptions> = {}) {
  const onConflict = vi.fn()
  let save!: ReturnType<typeof useFormSave>
  mount(
    defineComponent({
      setup() {
        save = useFormSave({ conflictMessage: 'site.conflict', onConflict, ...options })
        return () => h('div')
      },
    }),
    { global: { plugins: [createAppI18n('zh-CN')] } },
  )
  return { save, onConflict }
}

const deferred = <T>() => {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)))
  return { promise, resolve, reject }
}

afterEach(() => vi.restoreAllMocks())

describe('useFormSave', () => {
  it('is saving while the call runs and hands back what it returned', async () => {
    const { save } = withSave()
    const call = deferred<{ id: number }>()
    const result = save.run(() => call.promise)
    expect(save.saving.value).toBe(true)
    call.resolve({ id: 7 })
    await expect(result).resolves.toEqual({ id: 7 })
    expect(save.saving.value).toBe(false)
  })

  it('puts the server’s field messages under their fields, as placed, and says the rest once', async () => {
    const error = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: () => undefined }) as never)
    const { save } = withSave({ placeFields: (fields) => ({ placed: { note: fields['changes.note'] ?? '' }, rest: ['别的问题', '另一个'] }) })
    const result = await save.run(() => Promise.reject(new AppError('VALIDATION', '输入有误', { 'changes.note': '请填写备注' })))
    expect(result).toBeNull()
    expect(save.errors.value).toEqual({ note: '请填写备注' })
    expect(error).toHaveBeenCalledWith({ message: '别的问题；另一个', grouping: true })
  })

  it('by default keeps every field message under the field of that name, saying nothing more', async () => {
    const error = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: () => undefined }) as never)
    const { save } = withSave()
    await save.run(() => Promise.reject(new AppError('VALIDATION', '输入有误', { amount: '金额不对' })))
    expect(save.errors.value).toEqual({ amount: '金额不对' })
    expect(error).not.toHaveBeenCalled()
  })

  it('says a refusal without fields once and leaves the last messages unless asked to clear them', async () => {
    const error = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: () => undefined }) as never)
    const kept = withSave()
    kept.save.errors.value = { note: '旧的' }
    await kept.save.run(() => Promise.reject(new AppError('FORBIDDEN', '没有权限')))
    expect(error).toHaveBeenCalledWith({ message: '没有权限', grouping: true })
    expect(kept.save.errors.value).toEqual({ note: '旧的' })

    const cleared = withSave({ clearOnRun: true })
    cleared.save.errors.value = { note: '旧的' }
    await cleared.save.run(() => Promise.reject(new AppError('FORBIDDEN', '没有权限')))
    expect(cleared.save.errors.value).toEqual({})
  })

  it('says a version conflict in the area’s words and hands it on to reload', async () => {
    const warning = vi.spyOn(ElMessage, 'warning').mockImplementation(() => ({ close: () => undefined }) as never)
    const { save, onConflict } = withSave({ conflictMessage: 'callbackDesk.conflict' })
    const result = await save.run(() => Promise.reject(new AppError('CONFLICT', '版本冲突')))
    expect(result).toBeNull()
    expect(warning).toHaveBeenCalledWith('该回访刚被其他人处理过，列表已刷新，请确认后重试。')
    expect(onConflict).toHaveBeenCalledTimes(1)
    expect(save.saving.value).toBe(false)
  })
})
