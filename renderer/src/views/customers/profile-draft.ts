import type { CustomerDetail } from '@contract/customers.contract'
import type { CustomerUpdateInput } from '../../stores/customers.store'
import { fenToYuan, yuanToFen } from '../../format'

/** The editable part of a customer, as the form holds it (money in yuan, text never null). */
export interface ProfileDraft {
  name: string
  grade: string
  tags: string[]
  community: string
  address: string
  houseType: string
  areaSqm: number | null
  budgetMinYuan: number | null
  budgetMaxYuan: number | null
  style: string
  sourceChannel: string
  notes: string
  /** 介绍人 (老带新): the existing client who sent this one */
  referrerId: number | null
}


export function draftOf(customer: CustomerDetail): ProfileDraft {
  return {
    name: customer.name,
    grade: customer.grade ?? '',
    tags: [...customer.tags],
    community: customer.community ?? '',
    address: customer.address ?? '',
    houseType: customer.houseType ?? '',
    areaSqm: customer.areaSqm,
    budgetMinYuan: fenToYuan(customer.budgetMinFen),
    budgetMaxYuan: fenToYuan(customer.budgetMaxFen),
    style: customer.style ?? '',
    sourceChannel: customer.sourceChannel ?? '',
    notes: customer.notes ?? '',
    referrerId: customer.referrer?.id ?? null,
  }
}

/** Only what changed, so a save never overwrites a field someone else just edited by accident. */
export function changesOf(customer: CustomerDetail, draft: ProfileDraft): CustomerUpdateInput {
  const before = draftOf(customer)
  const text = (v: string): string | null => (v.trim() ? v.trim() : null)
  const changes: CustomerUpdateInput = { id: customer.id, version: customer.version }
  if (draft.name.trim() !== before.name) changes.name = draft.name.trim()
  if (draft.grade !== before.grade) changes.grade = text(draft.grade)
  if (JSON.stringify(draft.tags) !== JSON.stringify(before.tags)) changes.tags = draft.tags.map((tag) => tag.trim()).filter(Boolean)
  for (const key of ['community', 'address', 'houseType', 'style', 'sourceChannel', 'notes'] as const) {
    if (draft[key].trim() !== before[key]) changes[key] = text(draft[key])
  }
  if ((draft.areaSqm ?? null) !== before.areaSqm) changes.areaSqm = draft.areaSqm ?? null
  if ((draft.budgetMinYuan ?? null) !== before.budgetMinYuan) changes.budgetMinFen = yuanToFen(draft.budgetMinYuan)
  if ((draft.budgetMaxYuan ?? null) !== before.budgetMaxYuan) changes.budgetMaxFen = yuanToFen(draft.budgetMaxYuan)
  if ((draft.referrerId ?? null) !== before.referrerId) changes.referrerId = draft.referrerId ?? null
  return changes
}

export function hasChanges(changes: CustomerUpdateInput): boolean {
  return Object.keys(changes).some((key) => key !== 'id' && key !== 'version')
}

/** Server field → form field (`budgetMinFen` is typed in yuan here). */
export function profileFieldOf(serverField: string): keyof ProfileDraft | null {
  const head = serverField.split('.')[0]
  if (head === 'budgetMinFen') return 'budgetMinYuan'
  if (head === 'budgetMaxFen') return 'budgetMaxYuan'
  const known: (keyof ProfileDraft)[] = ['name', 'grade', 'tags', 'community', 'address', 'houseType', 'areaSqm', 'style', 'sourceChannel', 'notes', 'referrerId']
  return (known as string[]).includes(head) ? (head as keyof ProfileDraft) : null
}
