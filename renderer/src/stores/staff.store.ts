import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { StaffAccount } from '@contract/staff.contract'
import type { Role } from '@contract/roles'
import { useApi } from '../api-context'

export interface NewAccount {
  username: string
  displayName: string
  role: Role
  password: string
  /** the person in 组织架构 this login belongs to (a designer, a receptionist) */
  personId?: number | null
  /** the phone extension (分机) whose calls pop this account's intake screen */
  extension?: string | null
}

export interface AccountChanges {
  id: number
  role?: Role
  active?: boolean
  displayName?: string
  personId?: number | null
  extension?: string | null
}

/** Login accounts (员工账号), for admins. */
export const useStaffStore = defineStore('staff', () => {
  const { api } = useApi()
  const accounts = ref<StaffAccount[]>([])
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      accounts.value = await api.staff.list({})
    } finally {
      loading.value = false
    }
  }

  function replace(account: StaffAccount): StaffAccount {
    const index = accounts.value.findIndex((a) => a.id === account.id)
    if (index >= 0) accounts.value.splice(index, 1, account)
    else accounts.value.push(account)
    return account
  }

  async function create(input: NewAccount): Promise<StaffAccount> {
    return replace(await api.staff.create(input))
  }

  async function update(input: AccountChanges): Promise<StaffAccount> {
    return replace(await api.staff.update(input))
  }

  async function resetPassword(id: number, password: string): Promise<void> {
    await api.staff.resetPassword({ id, password })
  }

  async function unlock(id: number): Promise<StaffAccount> {
    return replace(await api.staff.unlock({ id }))
  }

  function clear(): void {
    accounts.value = []
  }

  return { accounts, loading, clear, load, create, update, resetPassword, unlock }
})
