import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { templatesContract, type ReplyTemplate } from '@contract/templates.contract'
import { useApi } from '../api-context'

export type TemplateSaveInput = z.input<typeof templatesContract.save.input>

/**
 * Reply templates as the template editor (回复模板) sees them: every one, to group and search on the
 * page. The call desk keeps its own search-as-you-type list; this one is for maintaining them.
 */
export const useTemplateAdminStore = defineStore('template-admin', () => {
  const { api } = useApi()
  const templates = ref<ReplyTemplate[]>([])
  const loading = ref(false)
  let seq = 0

  async function load(): Promise<ReplyTemplate[]> {
    const mine = ++seq
    loading.value = true
    try {
      const result = await api.templates.list({})
      if (mine === seq) templates.value = result
      return result
    } finally {
      if (mine === seq) loading.value = false
    }
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

  return { templates, loading, load, save, remove }
})
