import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_SETTINGS, type AppSettings } from '@contract/settings.contract'
import { DEFAULT_TIME_ZONE } from '@contract/time'
import { useApi } from '../api-context'

/** The company's settings; every logged-in user reads them (lists for selects, time zone, area code). */
export const useSettingsStore = defineStore('settings', () => {
  const { api } = useApi()
  const settings = ref<AppSettings | null>(null)
  let loading: Promise<AppSettings> | null = null

  const timeZone = computed(() => settings.value?.timeZone ?? DEFAULT_TIME_ZONE)
  const localAreaCode = computed(() => settings.value?.localAreaCode ?? DEFAULT_SETTINGS.localAreaCode)
  /** what the screens read: the loaded settings, or the defaults until they arrive */
  const current = computed<AppSettings>(() => settings.value ?? DEFAULT_SETTINGS)

  function load(force = false): Promise<AppSettings> {
    if (settings.value && !force) return Promise.resolve(settings.value)
    loading ??= api.settings
      .get({})
      .then((value) => {
        settings.value = value
        return value
      })
      .finally(() => {
        loading = null
      })
    return loading
  }

  async function update(changes: Partial<AppSettings>): Promise<AppSettings> {
    settings.value = await api.settings.update({ changes })
    return settings.value
  }

  function clear(): void {
    settings.value = null
  }

  return { settings, current, timeZone, localAreaCode, load, update, clear }
})
