import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { VisitListInput } from '../../stores/visits.store'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryDate, queryFlag, queryText } from '../../list-query'

/** 来访记录's filters as the URL holds them (`/visits?from=2025-06-01&to=2025-06-30&source=网络推广`). */
export interface VisitListFilters {
  /** YYYY-MM-DD company days of arrival */
  from: string
  to: string
  /** a source channel, as the settings list them */
  source: string
  /** the walk-ins whose source was not filled in (the dashboard's 未填写 slice) */
  noSource: boolean
  page: number
  pageSize: number
}

export function defaultVisitListFilters(): VisitListFilters {
  return { from: '', to: '', source: '', noSource: false, page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

export function visitListFiltersFromQuery(query: LocationQuery): VisitListFilters {
  const source = queryText(query, 'source').trim().slice(0, 30)
  return {
    from: queryDate(query, 'from'),
    to: queryDate(query, 'to'),
    source,
    // a channel and "no channel" at once would list nothing: the channel wins
    noSource: !source && queryFlag(query, 'noSource'),
    ...pagingFromQuery(query),
  }
}

/** Defaults and empty values are left out so URLs stay short. */
export function queryFromVisitListFilters(filters: VisitListFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.from) query.from = filters.from
  if (filters.to) query.to = filters.to
  if (filters.source.trim()) query.source = filters.source.trim()
  else if (filters.noSource) query.noSource = '1'
  return { ...query, ...pagingQuery(filters) }
}

export function visitListInputOf(filters: VisitListFilters): VisitListInput {
  return {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.source.trim() ? { source: filters.source.trim() } : filters.noSource ? { noSource: true } : {}),
    page: filters.page,
    pageSize: filters.pageSize,
  }
}

/** The source select's value for 未填写: not a channel anyone can name (channels are trimmed text). */
export const NO_SOURCE = ' '

/** What the source select shows for these filters, and the filters a pick sets. */
export function sourcePickOf(filters: Pick<VisitListFilters, 'source' | 'noSource'>): string {
  return filters.noSource ? NO_SOURCE : filters.source
}

export function pickSource(filters: Pick<VisitListFilters, 'source' | 'noSource'>, value: string | null | undefined): void {
  filters.noSource = value === NO_SOURCE
  filters.source = value && value !== NO_SOURCE ? value : ''
}
