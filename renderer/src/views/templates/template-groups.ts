import type { ReplyTemplate } from '@contract/templates.contract'

export interface TemplateGroup {
  category: string
  templates: ReplyTemplate[]
}

/** Every word typed must appear somewhere in the template: its category, title, text or keywords. */
export function matchesSearch(template: ReplyTemplate, q: string): boolean {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const haystack = [template.category, template.title, template.body, ...template.keywords].join('\n').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

const byOrder = (a: ReplyTemplate, b: ReplyTemplate): number => a.sortOrder - b.sortOrder || a.title.localeCompare(b.title, 'zh-CN')

/**
 * Templates by category, as agents meet them on the desk: categories in the order of their
 * first template's sort order, templates by sort order then title. `category` narrows to one.
 */
export function groupTemplates(templates: readonly ReplyTemplate[], filter: { q?: string; category?: string | null } = {}): TemplateGroup[] {
  const groups = new Map<string, ReplyTemplate[]>()
  for (const template of [...templates].sort(byOrder)) {
    if (filter.category && template.category !== filter.category) continue
    if (!matchesSearch(template, filter.q ?? '')) continue
    const list = groups.get(template.category)
    if (list) list.push(template)
    else groups.set(template.category, [template])
  }
  return [...groups].map(([category, list]) => ({ category, templates: list }))
}

/** Each category once with how many templates it holds, for the side list and the dialog's suggestions. */
export function categoryCounts(templates: readonly ReplyTemplate[]): { category: string; count: number }[] {
  return groupTemplates(templates).map((group) => ({ category: group.category, count: group.templates.length }))
}
