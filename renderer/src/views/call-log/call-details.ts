import { CALL_TYPES, type CallDetails, type CallType } from '@contract/calls.contract'
import { formatArea, formatDateTime, formatFenRange } from '../../format'

/** One line of a call's type-specific details, as the drawer and the edit history show it. */
export interface DetailRow {
  /** i18n key under `callAdmin.field` */
  labelKey: string
  value: string
  /** free text that wants a line of its own */
  long?: boolean
}

export interface DetailContext {
  timeZone: string
  /** the designer's name for a measuring appointment, when known */
  designerName?: (id: number) => string | null
}

type AnyDetails = Partial<Record<string, unknown>> & { type?: string }

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value).trim())

function needsRows(d: AnyDetails): DetailRow[] {
  const min = typeof d.budgetMinFen === 'number' ? d.budgetMinFen : null
  const max = typeof d.budgetMaxFen === 'number' ? d.budgetMaxFen : null
  return [
    { labelKey: 'community', value: text(d.community) },
    { labelKey: 'houseType', value: text(d.houseType) },
    { labelKey: 'areaSqm', value: typeof d.areaSqm === 'number' ? formatArea(d.areaSqm) : '' },
    { labelKey: 'budget', value: formatFenRange(min, max) },
    { labelKey: 'style', value: text(d.style) },
  ]
}

/**
 * The details of a consultation, measuring appointment, complaint or repair as label/value lines,
 * empty ones left out. Takes anything shaped like details: the edit history holds older versions.
 */
export function callDetailRows(details: CallDetails | AnyDetails | null, ctx: DetailContext): DetailRow[] {
  if (!details) return []
  const d = details as AnyDetails
  let rows: DetailRow[]
  switch (d.type) {
    case 'consult':
      rows = needsRows(d)
      break
    case 'measure': {
      const designerId = typeof d.designerId === 'number' ? d.designerId : null
      rows = [
        { labelKey: 'scheduledAt', value: typeof d.scheduledAt === 'string' ? formatDateTime(d.scheduledAt, ctx.timeZone) : '' },
        { labelKey: 'designerId', value: designerId === null ? '' : (ctx.designerName?.(designerId) ?? `#${designerId}`) },
        { labelKey: 'measureAddress', value: text(d.address) },
        ...needsRows(d),
      ]
      break
    }
    case 'complaint':
      rows = [
        { labelKey: 'complaintCategory', value: text(d.category) },
        { labelKey: 'severity', value: text(d.severity) },
        { labelKey: 'complaintDescription', value: text(d.description), long: true },
        { labelKey: 'expectation', value: text(d.expectation), long: true },
      ]
      break
    case 'repair':
      rows = [
        { labelKey: 'repairCategory', value: text(d.category) },
        { labelKey: 'repairAddress', value: text(d.address) },
        { labelKey: 'preferredTime', value: text(d.preferredTime) },
        { labelKey: 'repairDescription', value: text(d.description), long: true },
      ]
      break
    default:
      rows = []
  }
  return rows.filter((row) => row.value !== '')
}

export const isCallType = (value: unknown): value is CallType => typeof value === 'string' && (CALL_TYPES as readonly string[]).includes(value)
