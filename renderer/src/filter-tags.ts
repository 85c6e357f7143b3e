/**
 * The filters a list was opened with from elsewhere (the dashboard's drill-down) that have no
 * control in its filter bar: each is shown as a removable tag 「筛选：…」, so the user sees why
 * the list is short and can widen it again.
 */
export interface FilterTag {
  /** which filter: what `remove` is called with */
  key: string
  label: string
}

type Translate = (key: string, named?: Record<string, unknown>) => string

/** `2025-06-01 至 2025-06-30`, one date when both are the same, `… 起` / `至 …` when open-ended. */
export function rangeText(t: Translate, from: string, to: string): string {
  if (from && to) return from === to ? from : t('filterTags.range.both', { from, to })
  return from ? t('filterTags.range.from', { from }) : t('filterTags.range.to', { to })
}

/** The tag of a date range filter (`labelKey` names it, `{range}` in it), or none when neither end is set. */
export function dateRangeTag(t: Translate, key: string, labelKey: string, from: string, to: string): FilterTag[] {
  return from || to ? [{ key, label: t(labelKey, { range: rangeText(t, from, to) }) }] : []
}

/** Puts the listed fields back to their defaults: what removing a tag does before the list applies. */
export function resetFields<F extends object>(filters: F, defaults: F, fields: readonly (keyof F)[]): void {
  for (const field of fields) filters[field] = defaults[field]
}
