import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { FUNNEL_STAGES, type DashboardOverview, type FunnelStage } from '@contract/dashboard.contract'
import { callHeatmapOption } from '../../charts/call-heatmap.option'
import { callsPerDayOption, DAY_SEGMENTS, type DaySegment } from '../../charts/calls-per-day.option'
import { complaintsMatrixOption } from '../../charts/complaints-matrix.option'
import { designerRankingOption } from '../../charts/designer-ranking.option'
import { funnelOption } from '../../charts/funnel.option'
import { onTimeTrendOption } from '../../charts/on-time-trend.option'
import { satisfactionTrendOption } from '../../charts/satisfaction-trend.option'
import { walkInsBySourceOption } from '../../charts/walk-ins-by-source.option'

/** The settings' lists the complaints chart is ordered and coloured by. */
export interface ComplaintOrder {
  categories: readonly string[]
  severities: readonly string[]
}

/** Every chart's option from one overview, in the UI language. */
export function useDashboardCharts(overview: Ref<DashboardOverview | null>, complaintOrder: Ref<ComplaintOrder>) {
  const { t } = useI18n()
  const day = (date: string): string => t('dashboard.day', { m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) })
  const count = (n: number): string => t('dashboard.count', { n })
  const calls = (n: number): string => t('dashboard.calls', { n })
  const data = computed(() => overview.value)

  const callsPerDay = computed(() =>
    callsPerDayOption({
      days: data.value?.callsByDay ?? [],
      labels: { segments: Object.fromEntries(DAY_SEGMENTS.map((s) => [s, t(`dashboard.series.${s}`)])) as Record<DaySegment, string>, day, count: calls },
    }),
  )

  const heatmap = computed(() =>
    callHeatmapOption({
      cells: data.value?.heatmap ?? [],
      labels: { weekdays: [1, 2, 3, 4, 5, 6, 7].map((w) => t(`dashboard.weekday.${w}`)), series: t('dashboard.series.inbound'), count: calls },
    }),
  )

  const walkInsBySource = computed(() =>
    walkInsBySourceOption({ sources: data.value?.walkInsBySource ?? [], labels: { series: t('dashboard.series.walkIns'), noSource: t('dashboard.noSource'), count } }),
  )

  const funnel = computed(() =>
    funnelOption({
      steps: data.value?.funnel ?? [],
      labels: {
        stages: Object.fromEntries(FUNNEL_STAGES.map((s) => [s, t(`dashboard.stage.${s}`)])) as Record<FunnelStage, string>,
        series: t('dashboard.series.funnel'),
        count,
        ofPrevious: (rate) => t('dashboard.ofPrevious', { rate }),
      },
    }),
  )

  const complaints = computed(() =>
    complaintsMatrixOption({ cells: data.value?.complaints ?? [], ...complaintOrder.value, labels: { count, total: t('dashboard.series.total') } }),
  )

  const onTime = computed(() =>
    onTimeTrendOption({
      days: data.value?.onTimeTrend ?? [],
      labels: { series: t('dashboard.series.onTime'), resolved: t('dashboard.series.resolved'), onTime: t('dashboard.series.resolvedOnTime'), day, count },
    }),
  )

  const satisfaction = computed(() =>
    satisfactionTrendOption({
      days: data.value?.satisfactionTrend ?? [],
      labels: { rate: t('dashboard.series.satisfiedRate'), score: t('dashboard.series.avgScore'), results: t('dashboard.series.results'), day, count },
    }),
  )

  const designers = computed(() =>
    designerRankingOption({
      designers: data.value?.designers ?? [],
      labels: {
        consultations: t('dashboard.series.consultations'),
        deposits: t('dashboard.series.deposits'),
        signed: t('dashboard.series.signed'),
        conversion: t('dashboard.series.conversion'),
        count,
      },
    }),
  )

  return { callsPerDay, heatmap, walkInsBySource, funnel, complaints, onTime, satisfaction, designers }
}
