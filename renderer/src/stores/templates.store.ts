import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { ReplyTemplate } from '@contract/templates.contract'
import { useApi } from '../api-context'

/**
 * Standard replies (标准回复模板) as the call desk reads them: the whole list is small and read
 * all day, so it is loaded once and searched in the page; a push that templates changed reloads
 * it. Maintaining them is the template editor's.
 */
export const useTemplatesStore = defineStore('templates', () => {
  const { api } = useApi()
  const templates = ref<ReplyTemplate[]>([])
  const loaded = ref(false)
  let loading: Promise<ReplyTemplate[]> | null = null

  /** Categories in the order their first template sorts. */
  const categories = computed(() => [...new Set(sorted.value.map((t) => t.category))])
  const sorted = computed(() => [...templates.value].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id))

  function load(force = false): Promise<ReplyTemplate[]> {
    if (loaded.value && !force) return Promise.resolve(templates.value)
    loading ??= api.templates
      .list({})
      .then((list) => {
        templates.value = list
        loaded.value = true
        return list
      })
      .finally(() => {
        loading = null
      })
    return loading
  }

  function clear(): void {
    templates.value = []
    loaded.value = false
  }

  return { templates, sorted, categories, loaded, load, clear }
})
