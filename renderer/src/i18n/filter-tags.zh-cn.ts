/** The drill-down filters shown as removable tags on the lists, and 来访记录 (the walk-in list). */
export const filterTagsZhCN = {
  tag: '筛选：{label}',
  remove: '移除筛选：{label}',
  range: { both: '{from} 至 {to}', from: '{from} 起', to: '至 {to}' },
  weekday: { w1: '星期一', w2: '星期二', w3: '星期三', w4: '星期四', w5: '星期五', w6: '星期六', w7: '星期日' },
  hour: '{from}–{to} 时段',
  missed: '未接来电（未接、放弃）',
  resolved: '解决日期 {range}',
  due: '应回访日期 {range}',
  done: '完成日期 {range}',
  paid: '交定日期 {range}',
  signed: '签约日期 {range}（不含已取消）',
  created: '登记日期 {range}',
}

export const visitListZhCN = {
  title: '来访记录',
  total: '共 {n} 条',
  from: '开始日期',
  to: '结束日期',
  source: '来源渠道',
  noSource: '（未填写来源）',
  reset: '清除筛选',
  empty: '没有符合条件的来访记录',
  column: {
    arrivedAt: '到店时间',
    customer: '客户',
    phone: '电话',
    source: '来源渠道',
    intent: '意向',
    partySize: '人数',
    designer: '接待设计师',
    status: '状态',
    outcome: '接待结果',
    receptionist: '登记人',
  },
  collision: '撞单',
}
