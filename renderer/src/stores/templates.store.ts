import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { templatesContract, type ReplyTemplate } from '@contract/templates.contract'
import { useApi } from '../api-context'

export type TemplateSaveInput = z.input<typeof templatesContract.save.input>

/**
 * Standard replies (标准回复模板): the whole list is small and read all day, so it is loaded once
 * and searched in the page; a push that templates changed reloads it. The call desk reads it,
 * the template editor (managers) also saves and removes through it.
 */
export const useTemplatesStore = defineStore('templates', () => {
  const { api } = useApi()
  const templates = ref<ReplyTemplate[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  let pending: Promise<ReplyTemplate[]> | null = null

  const sorted = computed(() => [...templates.value].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id))
  /** Categories in the order their first template sorts. */
  const categories = computed(() => [...new Set(sorted.value.map((t) => t.category))])

  function load(force = false): Promise<ReplyTemplate[]> {
    if (loaded.value && !force && !pending) return Promise.resolve(templates.value)
    loading.value = true
    pending ??= api.templates
      .list({})
      .then((list) => {
        templates.value = list
        loaded.value = true
        return list
      })
      .finally(() => {
        pending = null
        loading.value = false
      })
    return pending
  }

  async function save(input: TemplateSaveInput): Promise<ReplyTemplate> {
    const saved = await api.templates.save(input)
    const index = templates.value.findIndex((t) => t.id === saved.id)
    if (index >= 0) templates.value.splice(index, 1, saved)
    else templates.value.push(saved)
    return saved
  }

  async function remove(id: number): Promise<void> {
    await api.templates.remove({ id })
    templates.value = templates.value.filter((t) => t.id !== id)
  }

  function clear(): void {
    templates.value = []
    loaded.value = false
  }

  return { templates, sorted, categories, loaded, loading, load, save, remove, clear }
})
