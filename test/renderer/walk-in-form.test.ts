import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import type { PhoneLookup } from '@contract/customers.contract'
import WalkInForm from '@renderer/views/visits/walk-in-form.vue'
import { LOOKUP_DEBOUNCE_MS } from '@renderer/views/visits/use-phone-lookup'
import { fakeDialogs, mountScreen, sleep } from './support/mount-helpers'
import { designer, newNumberLookup, settings, visit } from './support/fixtures'
import type { FakeHandler } from './support/fake-transport'

const base: Record<string, FakeHandler> = {
  'settings.get': () => settings,
  'org.listPeople': () => [designer(11, '张设计'), designer(12, '刘设计')],
  'customers.lookupByPhone': () => newNumberLookup(),
  'visits.register': (input) => ({ visit: visit({ customerName: String(input.name) }), customerCreated: true }),
}

async function mountForm(handlers: Record<string, FakeHandler> = {}, answer = true) {
  const { dialogs, asked } = fakeDialogs(answer)
  const mounted = await mountScreen(WalkInForm, { handlers: { ...base, ...handlers }, dialogs })
  return { ...mounted, asked }
}

const input = (wrapper: Awaited<ReturnType<typeof mountForm>>['wrapper'], name: string) => wrapper.get(`[data-field="${name}"] input, [data-field="${name}"] textarea`)
/** Element Plus shows a form item's error 100 ms after it is set (a debounced state). */
async function settle() {
  await flushPromises()
  await sleep(120)
}

const errorOf = (wrapper: Awaited<ReturnType<typeof mountForm>>['wrapper'], name: string) => wrapper.find(`[data-field="${name}"] .el-form-item__error`)

async function press(el: Element, key: string, init: KeyboardEventInit = {}) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }))
  await flushPromises()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the walk-in form', () => {
  it('puts the cursor in 电话 and walks the fields with Enter', async () => {
    const { wrapper } = await mountForm()
    await sleep(0)
    const phone = input(wrapper, 'phone').element as HTMLInputElement
    expect(document.activeElement).toBe(phone)
    await press(phone, 'Enter')
    expect(document.activeElement).toBe(input(wrapper, 'name').element)
    await press(document.activeElement as Element, 'Enter')
    expect(document.activeElement).toBe(input(wrapper, 'community').element)
    await press(document.activeElement as Element, 'Enter')
    expect(document.activeElement).toBe(input(wrapper, 'address').element)
  })

  it('leaves Enter to the IME while a Chinese name is being composed', async () => {
    const { wrapper } = await mountForm()
    const name = input(wrapper, 'name').element as HTMLInputElement
    name.focus()
    await press(name, 'Enter', { isComposing: true })
    expect(document.activeElement).toBe(name)
  })

  it('shows required errors inline on Ctrl+Enter and sends nothing', async () => {
    const { wrapper, fake } = await mountForm()
    await press(input(wrapper, 'phone').element, 'Enter', { ctrlKey: true })
    await settle()
    expect(errorOf(wrapper, 'phone').text()).toBe('请填写电话')
    expect(errorOf(wrapper, 'name').text()).toBe('请填写姓名')
    expect(fake.callsOf('visits.register')).toHaveLength(0)
    expect(document.activeElement).toBe(input(wrapper, 'phone').element)
  })

  it('says so as soon as a full-length number is no phone number', async () => {
    const { wrapper } = await mountForm()
    await input(wrapper, 'phone').setValue('12345678901')
    await settle()
    expect(errorOf(wrapper, 'phone').text()).toContain('电话号码无效')
    await input(wrapper, 'phone').setValue('13800138000')
    await settle()
    expect(errorOf(wrapper, 'phone').exists()).toBe(false)
  })

  it('does not paint the resting form red when the receptionist clicks away from 电话', async () => {
    const { wrapper } = await mountForm()
    await input(wrapper, 'phone').trigger('blur')
    await settle()
    expect(errorOf(wrapper, 'phone').exists()).toBe(false)
    // once a client is being typed in, a field left empty does show
    await input(wrapper, 'community').setValue('绿地海珀')
    await input(wrapper, 'name').trigger('blur')
    await settle()
    expect(errorOf(wrapper, 'name').text()).toBe('请填写姓名')
  })

  it('F2 brings the cursor back to 电话 from anywhere on the desk', async () => {
    const { wrapper } = await mountForm()
    const outside = document.createElement('button')
    document.body.appendChild(outside)
    outside.focus()
    expect(document.activeElement).toBe(outside)
    outside.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true, cancelable: true }))
    await flushPromises()
    expect(document.activeElement).toBe(input(wrapper, 'phone').element)
  })

  it('puts the server field errors under their fields and keeps what was typed', async () => {
    const { wrapper, fake } = await mountForm({
      'visits.register': () => {
        throw new AppError('VALIDATION', '请检查填写的内容', { name: '姓名不能超过32个字', budgetMinFen: '预算下限不能为负数' })
      },
    })
    await input(wrapper, 'phone').setValue('138 0013 8000')
    await input(wrapper, 'name').setValue('张三')
    await input(wrapper, 'community').setValue('绿地海珀')
    await wrapper.get('[data-test="reception-save"]').trigger('click')
    await settle()
    expect(fake.callsOf('visits.register')).toHaveLength(1)
    expect(errorOf(wrapper, 'name').text()).toBe('姓名不能超过32个字')
    expect(errorOf(wrapper, 'budget').text()).toBe('预算下限不能为负数')
    expect((input(wrapper, 'name').element as HTMLInputElement).value).toBe('张三')
    expect((input(wrapper, 'community').element as HTMLInputElement).value).toBe('绿地海珀')
    // editing the field clears the server's complaint about it
    await input(wrapper, 'name').setValue('张三丰')
    await settle()
    expect(errorOf(wrapper, 'name').exists()).toBe(false)
  })

  it('on 撞单 asks with the server message, then resends with acknowledgeCollision', async () => {
    const message = '撞单提醒：该客户由设计师「张设计」跟进中，保护期至 2025-04-01'
    const { wrapper, fake, asked } = await mountForm({
      'visits.register': (body, index) => {
        if (index === 0) throw new AppError('COLLISION', message, { designerId: message })
        return { visit: visit({ customerName: String(body.name) }), customerCreated: false }
      },
    })
    await input(wrapper, 'phone').setValue('13800138000')
    await input(wrapper, 'name').setValue('张三')
    await press(input(wrapper, 'name').element, 'Enter', { ctrlKey: true })
    await flushPromises()
    expect(asked).toEqual([message])
    const sent = fake.callsOf('visits.register').map((c) => c.input)
    expect(sent).toHaveLength(2)
    expect(sent[0]).toMatchObject({ phone: '13800138000', name: '张三', acknowledgeCollision: false })
    expect(sent[1]).toMatchObject({ phone: '13800138000', name: '张三', acknowledgeCollision: true })
    // saved: the form is empty again and ready for the next client
    expect((input(wrapper, 'phone').element as HTMLInputElement).value).toBe('')
    expect(document.activeElement).toBe(input(wrapper, 'phone').element)
  })

  it('sends nothing more when the 撞单 is not confirmed, and keeps the form', async () => {
    const { wrapper, fake } = await mountForm(
      {
        'visits.register': () => {
          throw new AppError('COLLISION', '撞单提醒', { designerId: '撞单提醒' })
        },
      },
      false,
    )
    await input(wrapper, 'phone').setValue('13800138000')
    await input(wrapper, 'name').setValue('张三')
    await wrapper.get('[data-test="reception-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('visits.register')).toHaveLength(1)
    expect((input(wrapper, 'name').element as HTMLInputElement).value).toBe('张三')
  })

  it('looks the number up once it is valid, shows the customer and links them', async () => {
    const existing: PhoneLookup = {
      ...newNumberLookup(),
      customer: { id: 42, name: '王芳', phone: '139 1234 5678', community: '翠湖天地', grade: null, sourceChannel: '网络推广', followingDesigner: { id: 11, name: '张设计' }, lastContactAt: null, createdAt: '2025-01-01T00:00:00Z', visitCount: 2 },
      following: { designer: { id: 11, name: '张设计' }, since: '2025-03-01T00:00:00Z', protectedUntil: '2999-01-01T00:00:00Z', active: true },
    }
    const { wrapper, fake } = await mountForm({
      'customers.lookupByPhone': () => existing,
      'customers.get': () => ({ id: 42, name: '王芳', community: '翠湖天地', address: '淮海路 1 号', houseType: '三室', areaSqm: 98, budgetMinFen: 20000000, budgetMaxFen: 30000000, style: null, sourceChannel: '网络推广', grade: null, tags: [], notes: null, ownerAgent: null, following: existing.following, referrer: null, lastContactAt: null, phones: [], createdAt: '', updatedAt: '', version: 3 }),
    })
    await input(wrapper, 'phone').setValue('139 1234')
    await sleep(LOOKUP_DEBOUNCE_MS + 50)
    expect(fake.callsOf('customers.lookupByPhone')).toHaveLength(0)
    await input(wrapper, 'phone').setValue('+86 139-1234-5678')
    await sleep(LOOKUP_DEBOUNCE_MS + 50)
    await flushPromises()
    expect(fake.callsOf('customers.lookupByPhone').map((c) => c.input)).toEqual([{ phone: '+86 139-1234-5678' }])
    const card = wrapper.get('[data-test="lookup-card"]')
    expect(card.attributes('data-state')).toBe('existing')
    expect(card.text()).toContain('王芳')
    expect(card.text()).toContain('来访 2 次')
    await wrapper.get('[data-test="lookup-use-customer"]').trigger('click')
    await flushPromises()
    expect((input(wrapper, 'name').element as HTMLInputElement).value).toBe('王芳')
    expect((input(wrapper, 'address').element as HTMLInputElement).value).toBe('淮海路 1 号')
    await wrapper.get('[data-test="reception-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('visits.register')[0].input).toMatchObject({ customerId: 42, name: '王芳', designerId: 11, budgetMinFen: 20000000, budgetMaxFen: 30000000 })
  })

  it('warns of a 撞单 when another designer than the protected one is picked', async () => {
    const following = { designer: { id: 11, name: '张设计' }, since: '2025-03-01T00:00:00Z', protectedUntil: '2999-01-01T00:00:00Z', active: true }
    const { wrapper } = await mountForm({ 'customers.lookupByPhone': () => ({ ...newNumberLookup(), following }) })
    await input(wrapper, 'phone').setValue('13800138000')
    await sleep(LOOKUP_DEBOUNCE_MS + 50)
    await flushPromises()
    expect(wrapper.find('[data-test="reception-collision"]').exists()).toBe(false)
    const vm = wrapper.vm as unknown as { $: { setupState: { draft: { designerId: number | null } } } }
    vm.$.setupState.draft.designerId = 12
    await flushPromises()
    expect(wrapper.get('[data-test="reception-collision"]').text()).toContain('张设计')
    vm.$.setupState.draft.designerId = 11
    await flushPromises()
    expect(wrapper.find('[data-test="reception-collision"]').exists()).toBe(false)
  })
})
