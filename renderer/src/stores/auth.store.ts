import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { SessionUser } from '@contract/auth.contract'
import type { Permission } from '@contract/roles'
import { useApi } from '../api-context'

export const SESSION_STORAGE_KEY = 'renodesk.session'

/** Who is logged in, and whether the company still needs its first admin. */
export const useAuthStore = defineStore('auth', () => {
  const { api, setSession } = useApi()
  const user = ref<SessionUser | null>(null)
  const needsSetup = ref(false)
  const companyName = ref('')
  /** set when the server ended the session, so the login page can say why */
  const expired = ref(false)
  let initializing: Promise<void> | null = null

  const permissions = computed<readonly Permission[]>(() => user.value?.permissions ?? [])

  function can(permission: Permission): boolean {
    return permissions.value.includes(permission)
  }

  function remember(token: string | null): void {
    setSession(token)
    if (token) sessionStorage.setItem(SESSION_STORAGE_KEY, token)
    else sessionStorage.removeItem(SESSION_STORAGE_KEY)
  }

  async function restore(): Promise<void> {
    const status = await api.auth.status({})
    needsSetup.value = status.needsSetup
    companyName.value = status.companyName
    const token = sessionStorage.getItem(SESSION_STORAGE_KEY)
    if (status.needsSetup || !token) return
    setSession(token)
    try {
      user.value = await api.auth.me({})
    } catch {
      remember(null)
    }
  }

  /** Once per page load: the first-start check and the session kept across a reload. */
  function ready(): Promise<void> {
    initializing ??= restore().catch((error: unknown) => {
      initializing = null
      throw error
    })
    return initializing
  }

  async function login(input: { username: string; password: string }): Promise<SessionUser> {
    const result = await api.auth.login(input)
    remember(result.token)
    user.value = result.user
    expired.value = false
    return result.user
  }

  async function setupAdmin(input: { username: string; displayName: string; password: string }): Promise<SessionUser> {
    const result = await api.auth.setupAdmin(input)
    remember(result.token)
    user.value = result.user
    needsSetup.value = false
    return result.user
  }

  async function logout(): Promise<void> {
    try {
      await api.auth.logout({})
    } finally {
      remember(null)
      user.value = null
    }
  }

  /** The server no longer knows the session: forget it locally too. */
  function sessionExpired(): void {
    if (!user.value) return
    remember(null)
    user.value = null
    expired.value = true
  }

  return { user, needsSetup, companyName, expired, permissions, can, ready, login, setupAdmin, logout, sessionExpired }
})
