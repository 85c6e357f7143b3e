import type { CallDetails, CallType } from '../contract/calls.contract'
import { AppError } from '../contract/errors'
import type { AppSettings } from '../contract/settings.contract'
import type { CustomersService } from './customers.service'

/** Types whose form has fields that must be filled: a measuring appointment needs its time and designer, a complaint or repair its description. */
const DETAILS_REQUIRED: readonly CallType[] = ['measure', 'complaint', 'repair']

/** Rules of the intake form that need the settings: choices come from the lists there. Field names are as the form sends them. */
export function checkCallDetails(type: CallType, details: CallDetails | null, settings: AppSettings, customers: CustomersService): void {
  if (!details) {
    if (DETAILS_REQUIRED.includes(type)) throw AppError.field('details', '请填写该类型来电的详细信息')
    return
  }
  if (details.type !== type) throw AppError.field('details.type', '来电详情与来电类型不一致')
  const inList = (field: string, value: string, list: string[], label: string) => {
    if (!list.includes(value)) throw AppError.field(`details.${field}`, `${label}「${value}」不在设置的选项中`)
  }
  switch (details.type) {
    case 'consult':
    case 'measure':
      try {
        customers.checkProfile(details)
      } catch (error) {
        // the profile rules name profile fields; on this form they sit under details
        if (error instanceof AppError && error.fields) {
          throw new AppError(error.code, error.message, Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [`details.${k}`, v])))
        }
        throw error
      }
      return
    case 'complaint':
      inList('category', details.category, settings.complaintCategories, '投诉类别')
      inList('severity', details.severity, settings.ticketSeverities, '严重程度')
      return
    case 'repair':
      inList('category', details.category, settings.repairCategories, '报修项目')
      return
  }
}
