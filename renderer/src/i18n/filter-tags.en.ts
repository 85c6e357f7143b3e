import type { filterTagsZhCN, visitListZhCN } from './filter-tags.zh-cn'
import type { Messages } from './zh-cn'

export const filterTagsEn: Messages<typeof filterTagsZhCN> = {
  tag: 'Filter: {label}',
  remove: 'Remove filter: {label}',
  range: { both: '{from} to {to}', from: 'from {from}', to: 'until {to}' },
  weekday: { w1: 'Monday', w2: 'Tuesday', w3: 'Wednesday', w4: 'Thursday', w5: 'Friday', w6: 'Saturday', w7: 'Sunday' },
  hour: '{from}–{to}',
  missed: 'Missed calls (missed, abandoned)',
  resolved: 'Resolved {range}',
  due: 'Due {range}',
  done: 'Done {range}',
  paid: 'Paid {range}',
  signed: 'Signed {range} (cancelled left out)',
  created: 'Registered {range}',
}

export const visitListEn: Messages<typeof visitListZhCN> = {
  title: 'Walk-ins',
  total: '{n} in total',
  from: 'From',
  to: 'To',
  source: 'Source',
  noSource: '(no source)',
  reset: 'Clear filters',
  empty: 'No walk-ins match',
  column: {
    arrivedAt: 'Arrived',
    customer: 'Customer',
    phone: 'Phone',
    source: 'Source',
    intent: 'Intent',
    partySize: 'People',
    designer: 'Designer',
    status: 'Status',
    outcome: 'Outcome',
    receptionist: 'Registered by',
  },
  collision: 'Collision',
}
