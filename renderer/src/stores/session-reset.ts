import type { Pinia } from 'pinia'
import { useAssessmentsStore } from './assessments.store'
import { useBoardStore } from './board.store'
import { useCallLogStore } from './call-log.store'
import { useCallbacksStore } from './callbacks.store'
import { useCallsStore } from './calls.store'
import { useCustomersStore } from './customers.store'
import { useNotificationsStore } from './notifications.store'
import { useOrgStore } from './org.store'
import { useSettingsStore } from './settings.store'
import { useStaffStore } from './staff.store'
import { useTemplatesStore } from './templates.store'
import { useTicketsStore } from './tickets.store'
import { useVisitsStore } from './visits.store'
import { useDepositsStore } from './deposits.store'
import { useEvaluationsStore } from './evaluations.store'
import { useGreetingsStore } from './greetings.store'
import { useInspectionsStore } from './inspections.store'
import { useProjectsStore } from './projects.store'
import { useViewingsStore } from './viewings.store'
import { useDashboardStore } from './dashboard.store'
import { useReportsStore } from './reports.store'
import { useStaffingStore } from './staffing.store'

/** Forgets everything the last user loaded, so the next one never glimpses it (保密制度). */
export function clearSessionData(pinia?: Pinia): void {
  useCustomersStore(pinia).clear()
  useVisitsStore(pinia).clear()
  useStaffStore(pinia).clear()
  useOrgStore(pinia).clear()
  useSettingsStore(pinia).clear()
  useCallLogStore(pinia).clear()
  useBoardStore(pinia).clear()
  useCallsStore(pinia).clear()
  useTemplatesStore(pinia).clear()
  useTicketsStore(pinia).clear()
  useCallbacksStore(pinia).clear()
  useAssessmentsStore(pinia).clear()
  useNotificationsStore(pinia).clear()
  useGreetingsStore(pinia).clear()
  useDepositsStore(pinia).clear()
  useProjectsStore(pinia).clear()
  useInspectionsStore(pinia).clear()
  useViewingsStore(pinia).clear()
  useEvaluationsStore(pinia).clear()
  useDashboardStore(pinia).clear()
  useReportsStore(pinia).clear()
  useStaffingStore(pinia).clear()
}
