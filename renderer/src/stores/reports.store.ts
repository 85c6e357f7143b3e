import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { FileBytes } from '@contract/app-api'
import type { Report, ReportKind } from '@contract/reports.contract'
import { useApi } from '../api-context'

export interface ReportInput {
  kind: ReportKind
  on: string
}

/** How far the core is in building an export, from its `progress` events. */
export interface ExportProgress {
  done: number
  total: number
  label: string
}

/** The `progress` events' task name while a report export is built. */
export const REPORT_EXPORT_TASK = 'report-export'

/** 报表: the report on screen and the Excel export under way. */
export const useReportsStore = defineStore('reports', () => {
  const rendererApi = useApi()
  const report = ref<Report | null>(null)
  const loading = ref(false)
  const exporting = ref(false)
  const progress = ref<ExportProgress | null>(null)
  let seq = 0

  /** 0–100 once the core has said how much there is to do */
  const percent = computed(() => {
    const p = progress.value
    return p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0
  })

  async function build(input: ReportInput): Promise<Report | null> {
    const mine = ++seq
    loading.value = true
    try {
      const built = await rendererApi.api.reports.build(input)
      if (mine !== seq) return null
      report.value = built
      return built
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /**
   * The report as an Excel file: the core builds it (pushing `progress` for this staff member
   * while it does), then its bytes are fetched once through the file route.
   */
  async function exportXlsx(input: ReportInput, staffId: number): Promise<FileBytes> {
    exporting.value = true
    progress.value = { done: 0, total: 0, label: '' }
    const stop = rendererApi.onEvent((event) => {
      if (event.type === 'progress' && event.task === REPORT_EXPORT_TASK && event.staffId === staffId) {
        progress.value = { done: event.done, total: event.total, label: event.label }
      }
    })
    try {
      const built = await rendererApi.api.reports.exportXlsx(input)
      const file = await rendererApi.files.downloadExport(built.exportId)
      return { ...file, name: file.name || built.fileName }
    } finally {
      stop()
      exporting.value = false
      progress.value = null
    }
  }

  function clear(): void {
    seq++
    report.value = null
    loading.value = false
    exporting.value = false
    progress.value = null
  }

  return { report, loading, exporting, progress, percent, build, exportXlsx, clear }
})
