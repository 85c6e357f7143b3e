import type { Pinia } from 'pinia'
import { useBoardStore } from './board.store'
import { useCallLogStore } from './call-log.store'
import { useCallsStore } from './calls.store'
import { useCustomersStore } from './customers.store'
import { useOrgStore } from './org.store'
import { useSettingsStore } from './settings.store'
import { useStaffStore } from './staff.store'
import { useTemplatesStore } from './templates.store'
import { useVisitsStore } from './visits.store'

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
}
