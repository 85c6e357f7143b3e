import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Person } from '@contract/org.contract'
import type { StaffAccount } from '@contract/staff.contract'
import { AppError } from '@contract/errors'
import StaffView from '@renderer/views/staff/staff-view.vue'
import { mountScreen } from './support/mount-helpers'
import { designer, settings } from './support/fixtures'

function account(id: number, username: string, overrides: Partial<StaffAccount> = {}): StaffAccount {
  return { id, username, displayName: username, role: 'receptionist', active: true, lockedUntil: null, failedLogins: 0, personId: null, extension: null, lastLoginAt: null, createdAt: '2025-03-01T02:00:00Z', ...overrides }
}

function person(id: number, name: string, overrides: Partial<Person> = {}): Person {
  return { ...designer(id, name), ...overrides }
}

/** A staff core where linking updates who holds which person, as the real one does. */
function staffCore() {
  const accounts = [account(1, 'admin', { role: 'admin' }), account(2, 'qiantai1', { displayName: '李前台', personId: 30 })]
  const people = [person(11, '王设计', { departmentName: '设计一部' }), person(12, '陈设计'), person(30, '李前台', { kind: 'serviceStaff', accountId: 2 })]
  return {
    accounts,
    people,
    handlers: {
      'settings.get': () => settings,
      'staff.list': () => accounts,
      'org.listPeople': () => people,
      'staff.update': (input: Record<string, unknown>) => {
        const target = accounts.find((a) => a.id === input.id)!
        for (const p of people) if (p.accountId === target.id) p.accountId = null
        target.personId = (input.personId as number | null) ?? null
        const linked = people.find((p) => p.id === target.personId)
        if (linked) linked.accountId = target.id
        return { ...target }
      },
      'staff.create': (input: Record<string, unknown>) => {
        const created = account(3, String(input.username), { displayName: String(input.displayName), personId: (input.personId as number | null) ?? null })
        accounts.push(created)
        return created
      },
    },
  }
}

/** The options of one select (every select keeps its own dropdown in <body>). */
function optionsOf(select: Element) {
  const listId = select.querySelector('input')?.getAttribute('aria-controls')
  const list = listId ? document.getElementById(listId) : null
  return {
    find: (text: string) => [...(list?.querySelectorAll<HTMLElement>('.el-select-dropdown__item') ?? [])].find((el) => el.textContent?.includes(text))!,
  }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('员工账号 linked to a person', () => {
  it('shows the linked person with their kind on the row', async () => {
    const core = staffCore()
    const { wrapper } = await mountScreen(StaffView, { handlers: core.handlers })
    const select = wrapper.get('[data-test="staff-person-select-qiantai1"]')
    expect(select.text()).toContain('李前台（客服人员）')
    expect(wrapper.get('[data-test="staff-person-select-admin"]').text()).toContain('未关联')
  })

  it('links a person from the row and reads who holds whom again afterwards', async () => {
    const core = staffCore()
    const { wrapper, fake } = await mountScreen(StaffView, { handlers: core.handlers })
    const select = wrapper.get('[data-test="staff-person-select-admin"]')
    await select.get('.el-select__wrapper').trigger('click')
    await flushPromises()
    const option = optionsOf(select.element).find
    // a person another login holds is listed with its holder and cannot be picked
    const taken = option('李前台')
    expect(taken.textContent).toContain('已关联账号 qiantai1')
    expect(taken.classList.contains('is-disabled')).toBe(true)

    option('王设计').click()
    await flushPromises()
    expect(fake.callsOf('staff.update').map((c) => c.input)).toEqual([{ id: 1, personId: 11 }])
    expect(fake.callsOf('org.listPeople')).toHaveLength(2)
    expect(wrapper.get('[data-test="staff-person-select-admin"]').text()).toContain('王设计（设计师）')
  })

  it('creates an account for a person, taking their name when none was typed', async () => {
    const core = staffCore()
    const { wrapper, fake } = await mountScreen(StaffView, { handlers: core.handlers })
    await wrapper.get('[data-test="staff-create-open"]').trigger('click')
    await flushPromises()
    const dialog = () => document.body.querySelector<HTMLElement>('[data-test="staff-create-dialog"]')!
    const type = async (testId: string, value: string) => {
      const el = dialog().querySelector<HTMLInputElement>(`input[data-test="${testId}"]`)!
      el.value = value
      el.dispatchEvent(new Event('input', { bubbles: true }))
      await flushPromises()
    }
    await type('staff-username', 'chensj')
    await type('staff-password', 'Design#2026')
    const select = dialog().querySelector<HTMLElement>('.el-select[data-test="staff-person"]')!
    select.querySelector<HTMLElement>('.el-select__wrapper')!.click()
    await flushPromises()
    optionsOf(select).find('陈设计').click()
    await flushPromises()
    expect(dialog().querySelector<HTMLInputElement>('input[data-test="staff-name"]')!.value).toBe('陈设计')

    dialog().querySelector<HTMLElement>('[data-test="staff-create-submit"]')!.click()
    await vi.waitFor(() => expect(fake.callsOf('staff.create')).toHaveLength(1))
    expect(fake.callsOf('staff.create')[0].input).toEqual({ username: 'chensj', displayName: '陈设计', role: 'receptionist', password: 'Design#2026', personId: 12, extension: null })
  })
})

describe('员工账号: 分机号', () => {
  /** types into an input of the dialog that carries `dialogTestId` */
  function dialogInputs(dialogTestId: string) {
    const dialog = () => document.body.querySelector<HTMLElement>(`[data-test="${dialogTestId}"]`)!
    return {
      dialog,
      input: (testId: string) => dialog().querySelector<HTMLInputElement>(`input[data-test="${testId}"]`)!,
      async type(testId: string, value: string) {
        const el = dialog().querySelector<HTMLInputElement>(`input[data-test="${testId}"]`)!
        el.value = value
        el.dispatchEvent(new Event('input', { bubbles: true }))
        await flushPromises()
      },
    }
  }

  /** Opens 新建账号 and fills in everything but the extension. */
  async function newAccountForm(wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper']) {
    await wrapper.get('[data-test="staff-create-open"]').trigger('click')
    await flushPromises()
    const form = dialogInputs('staff-create-dialog')
    await form.type('staff-username', 'agent9')
    await form.type('staff-name', '周客服')
    await form.type('staff-password', 'Phone#2026')
    return form
  }

  it('shows the extension of each account in its column', async () => {
    const core = staffCore()
    core.accounts[1].extension = '8001'
    const { wrapper } = await mountScreen(StaffView, { handlers: core.handlers })
    expect(wrapper.findAll('[data-test="staff-extension-cell"]').map((c) => c.text())).toEqual(['8001'])
  })

  it('creates an account with its extension', async () => {
    const core = staffCore()
    const { wrapper, fake } = await mountScreen(StaffView, { handlers: core.handlers })
    const form = await newAccountForm(wrapper)
    await form.type('staff-extension', ' 8009 ')
    form.dialog().querySelector<HTMLElement>('[data-test="staff-create-submit"]')!.click()
    await vi.waitFor(() => expect(fake.callsOf('staff.create')).toHaveLength(1))
    expect(fake.callsOf('staff.create')[0].input).toMatchObject({ username: 'agent9', extension: '8009' })
  })

  it('says under the field when an extension is malformed or taken, and keeps what was typed', async () => {
    const core = staffCore()
    const handlers = {
      ...core.handlers,
      'staff.create': () => {
        throw new AppError('VALIDATION', '分机号 8001 已被账号 qiantai1 使用', { extension: '分机号 8001 已被账号 qiantai1 使用' })
      },
    }
    const { wrapper, fake } = await mountScreen(StaffView, { handlers })
    const form = await newAccountForm(wrapper)
    await form.type('staff-extension', '8a')
    form.dialog().querySelector<HTMLElement>('[data-test="staff-create-submit"]')!.click()
    await flushPromises()
    // checked before asking the core
    expect(fake.callsOf('staff.create')).toHaveLength(0)
    await vi.waitFor(() => expect(form.dialog().textContent).toContain('分机号应为 2–8 位数字'))

    await form.type('staff-extension', '8001')
    form.dialog().querySelector<HTMLElement>('[data-test="staff-create-submit"]')!.click()
    await vi.waitFor(() => expect(fake.callsOf('staff.create')).toHaveLength(1))
    await flushPromises()
    const item = form.input('staff-extension').closest('.el-form-item')!
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent).toContain('已被账号 qiantai1 使用'))
    expect(form.input('staff-extension').value).toBe('8001')
  })

  it('changes the extension of an account, sending only what changed', async () => {
    const core = staffCore()
    core.accounts[1].extension = '8001'
    const handlers = {
      ...core.handlers,
      'staff.update': (input: Record<string, unknown>) => ({ ...core.accounts[1], ...input }),
    }
    const { wrapper, fake } = await mountScreen(StaffView, { handlers })
    await wrapper.findAll('[data-test="staff-edit"]')[1].trigger('click')
    await flushPromises()
    const form = dialogInputs('staff-edit-dialog')
    expect(form.input('staff-extension').value).toBe('8001')
    await form.type('staff-extension', '8002')
    form.dialog().querySelector<HTMLElement>('[data-test="staff-edit-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('staff.update').map((c) => c.input)).toEqual([{ id: 2, extension: '8002' }])
    expect(wrapper.findAll('[data-test="staff-extension-cell"]').map((c) => c.text())).toEqual(['8002'])
  })
})
