import type { ReplyTemplate } from '@contract/templates.contract'

/**
 * The templates matching a category and every word typed (title, body, keywords or category, any case),
 * in their sort order. Titles that match come first: they are what the agent was thinking of.
 */
export function filterTemplates(templates: readonly ReplyTemplate[], filter: { q: string; category: string | null }): ReplyTemplate[] {
  const terms = filter.q.toLowerCase().split(/\s+/).filter(Boolean)
  const inCategory = filter.category ? templates.filter((t) => t.category === filter.category) : [...templates]
  if (terms.length === 0) return inCategory
  const scored: { template: ReplyTemplate; score: number }[] = []
  for (const template of inCategory) {
    const title = template.title.toLowerCase()
    const haystack = [title, template.body, template.category, ...template.keywords].join('\n').toLowerCase()
    if (!terms.every((term) => haystack.includes(term))) continue
    scored.push({ template, score: terms.filter((term) => title.includes(term)).length })
  }
  // Array.prototype.sort is stable: equal scores keep the sort order.
  return scored.sort((a, b) => b.score - a.score).map((s) => s.template)
}
