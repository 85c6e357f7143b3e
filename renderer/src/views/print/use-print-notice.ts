import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { useApi } from '../../api-context'
import { showError } from '../../notify'

/** The print route of an inspection's rectification notice (整改通知书). */
export const rectificationPrintRoute = (inspectionId: number): string => `/print/inspections/${inspectionId}/notice`

/**
 * 打印整改通知书, as the ticket forms print: Electron saves the notice as PDF; elsewhere the print
 * view opens in its own window and is printed from there. `printing` is the inspection being printed.
 */
export function usePrintNotice() {
  const api = useApi()
  const { t } = useI18n()
  const printing = ref<number | null>(null)

  async function printNotice(notice: { inspectionId: number; no: string }): Promise<void> {
    if (printing.value !== null) return
    printing.value = notice.inspectionId
    const route = rectificationPrintRoute(notice.inspectionId)
    try {
      if (api.printToPdf) {
        if (await api.printToPdf(route, `${t('site.print.title')}-${notice.no}.pdf`)) ElMessage.success(t('site.print.saved'))
      } else {
        window.open(`${window.location.pathname}${window.location.search}#${route}`, '_blank')
      }
    } catch (error) {
      showError(error)
    } finally {
      printing.value = null
    }
  }

  return { printing, printNotice }
}
