import type { CallDirection, CallType } from '../contract/calls.contract'
import type { Rng } from './random'
import { Weighted } from './random'

/** What the calls are about: 咨询 most, then 预约量房, 回访, 报修, 投诉, 其他. Outbound calls are mostly 回访. */
export const INBOUND_TYPES = new Weighted<CallType>([
  ['consult', 50],
  ['measure', 17],
  ['callback', 6],
  ['repair', 11],
  ['complaint', 6],
  ['other', 10],
])
export const OUTBOUND_TYPES = new Weighted<CallType>([
  ['callback', 55],
  ['consult', 20],
  ['measure', 15],
  ['other', 10],
])

/** Median talk time by type, seconds: complaints take longest, a return visit is short. */
export const TALK_MEDIAN_SEC: Record<CallType, number> = { consult: 270, measure: 240, callback: 150, repair: 220, complaint: 420, other: 120 }

export interface CallerProfile {
  community: string | null
  houseType: string | null
  areaSqm: number | null
  style: string | null
}

const CONSULT_TOPICS = ['装修报价', '全包套餐价格', '半包和全包的区别', '施工工期', '设计费怎么收', '老房翻新流程', '环保材料', '定金和付款方式', '样板间参观', '近期优惠活动']
const CONSULT_OUTCOMES = ['已加微信，发送案例', '已约到店', '已约量房', '客户考虑中', '报价区间已告知', '转设计师跟进', '客户比价中', '发送了套餐资料']
const MEASURE_OUTCOMES = ['已约量房', '已约量房，设计师已确认', '量房时间待客户确认', '已改约量房时间']
const CALLBACK_SUBJECTS = ['量房后回访', '方案沟通后回访', '开工回访', '水电验收回访', '中期验收回访', '竣工回访', '售后维修回访', '满意度回访']
const CALLBACK_OUTCOMES = ['客户满意', '客户基本满意，提了小建议', '客户不方便，约改天再联系', '客户有新需求，转设计师', '已记录客户意见', '无异议']
const REPAIR_ISSUES: Record<string, string[]> = {
  防水: ['卫生间楼下渗水', '阳台地面积水渗漏'],
  水电: ['厨房插座没电', '热水器水压小', '卫生间灯不亮'],
  墙面: ['客厅墙面开裂', '卧室墙面起皮'],
  地面: ['木地板起拱', '地砖空鼓'],
  木作: ['衣柜门关不严', '橱柜铰链松动'],
  门窗: ['入户门关不上', '窗户漏风'],
  吊顶: ['吊顶有裂缝', '厨房吊顶下沉'],
  其他: ['马桶下水慢', '淋浴房玻璃门松动'],
}
const REPAIR_OUTCOMES = ['已登记报修，师傅24小时内联系', '已派单维修', '已约上门时间', '属保修范围，免费维修']
const COMPLAINT_ISSUES: Record<string, string[]> = {
  工程质量: ['瓷砖空鼓多处', '墙面不平整', '水电走线不规范'],
  设计: ['效果与方案不符', '尺寸设计有误'],
  材料: ['材料与合同品牌不符', '板材有异味'],
  工期: ['工期拖延两周', '工人经常不到场'],
  服务态度: ['项目经理态度差', '电话没人回'],
  其他: ['现场垃圾未清理', '邻居投诉噪音'],
}
const COMPLAINT_EXPECTATIONS = ['尽快返工', '要求赔偿', '更换项目经理', '给个明确的完工时间', '书面道歉', null]
const COMPLAINT_OUTCOMES = ['已安抚，转工程部处理', '已升级主管，24小时内回复', '已约现场查看', '已转责任部门']
const OTHER_SUBJECTS = ['询问公司地址', '开发票事宜', '应聘咨询', '推销电话', '合作洽谈', '打错电话', '询问营业时间']
const OTHER_OUTCOMES = ['已告知', '已转相关部门', '无需处理', '已记录']
const PREFERRED_TIMES = ['工作日上午', '工作日下午', '周末全天', '明天上午', '晚上六点后', null]

const describeHouse = (p: CallerProfile): string =>
  `${p.community ?? ''}${p.houseType ?? ''}${p.areaSqm ? `${Math.round(p.areaSqm)}㎡` : ''}`

export interface CallContent {
  summary: string
  outcome: string
  /** CallDetails as JSON, or null for types without a details part */
  details: string | null
  /** for 预约量房: when and who, to create the appointment */
  appointment: { scheduledAt: number; designerId: number; address: string | null } | null
}

export interface ContentInput {
  rng: Rng
  type: CallType
  direction: CallDirection
  profile: CallerProfile | null
  address: string | null
  /** when the call ended (ms), for the appointment's date */
  endedAt: number
  /** start of the company-local day of `endedAt` (ms) */
  dayStart: number
  designerId: number | null
  complaintCategories: readonly string[]
  severities: readonly string[]
  repairCategories: readonly string[]
  styles: readonly string[]
  houseTypes: readonly string[]
}

/** zh-CN summary, outcome and details of one call, consistent with the intake form's schema. */
export function callContent(input: ContentInput): CallContent {
  const { rng, type, profile } = input
  const house = profile ? describeHouse(profile) : ''
  switch (type) {
    case 'consult': {
      const topic = rng.pick(CONSULT_TOPICS)
      const style = profile?.style ?? (rng.chance(0.5) ? rng.pick(input.styles) : null)
      const summary = `${input.direction === 'out' ? '回电' : ''}咨询${topic}${house ? `，${house}` : ''}${style ? `，喜欢${style}` : ''}`
      // the form's needs part, when the caller gave any
      const details = rng.chance(0.35)
        ? JSON.stringify({
            type,
            community: profile?.community ?? null,
            houseType: profile?.houseType ?? (rng.chance(0.5) ? rng.pick(input.houseTypes) : null),
            areaSqm: profile?.areaSqm ?? null,
            budgetMinFen: null,
            budgetMaxFen: null,
            style,
          })
        : null
      return { summary, outcome: rng.pick(CONSULT_OUTCOMES), details, appointment: null }
    }
    case 'measure': {
      // On a weekday or weekend day 1–10 days on, at a full or half hour between 9:00 and 17:00.
      const scheduledAt = input.dayStart + rng.int(1, 10) * 86_400_000 + (9 * 60 + rng.int(0, 16) * 30) * 60_000
      const designerId = input.designerId
      const summary = `预约量房${house ? `：${house}` : ''}`
      if (designerId === null) return { summary, outcome: '量房时间待客户确认', details: null, appointment: null }
      const details = JSON.stringify({
        type,
        community: profile?.community ?? null,
        houseType: profile?.houseType ?? null,
        areaSqm: profile?.areaSqm ?? null,
        budgetMinFen: null,
        budgetMaxFen: null,
        style: profile?.style ?? null,
        address: input.address,
        scheduledAt: new Date(scheduledAt).toISOString(),
        designerId,
      })
      return { summary, outcome: rng.pick(MEASURE_OUTCOMES), details, appointment: { scheduledAt, designerId, address: input.address } }
    }
    case 'repair': {
      const category = rng.pick(input.repairCategories)
      const description = rng.pick(REPAIR_ISSUES[category] ?? REPAIR_ISSUES['其他'])
      const details = JSON.stringify({ type, category, description, address: input.address, preferredTime: rng.pick(PREFERRED_TIMES) })
      return { summary: `报修：${description}`, outcome: rng.pick(REPAIR_OUTCOMES), details, appointment: null }
    }
    case 'complaint': {
      const category = rng.pick(input.complaintCategories)
      const description = rng.pick(COMPLAINT_ISSUES[category] ?? COMPLAINT_ISSUES['其他'])
      const severity = rng.chance(0.6) ? input.severities[0] : rng.pick(input.severities)
      const details = JSON.stringify({ type, category, severity, description, expectation: rng.pick(COMPLAINT_EXPECTATIONS) })
      return { summary: `投诉${category}：${description}`, outcome: rng.pick(COMPLAINT_OUTCOMES), details, appointment: null }
    }
    case 'callback':
      return { summary: rng.pick(CALLBACK_SUBJECTS), outcome: rng.pick(CALLBACK_OUTCOMES), details: null, appointment: null }
    default:
      return { summary: rng.pick(OTHER_SUBJECTS), outcome: rng.pick(OTHER_OUTCOMES), details: null, appointment: null }
  }
}

export const HANDLED_NOTES = ['已回电，客户咨询报价', '已回电，无人接听，已发短信', '客户已再次来电', '已回电，约了量房', '已回电，客户说打错了']
export const HANDLED_WITHHELD_NOTE = '无来电号码，无法回拨'
export const FOLLOW_UP_NOTES = ['确认是否到店', '发送报价后回访', '确认量房时间', '询问方案意见', '维修完成后回访', '投诉处理结果回访', null]
export const EDITED_OUTCOMES = ['已约到店', '客户已交定金', '已约量房', '客户暂不考虑']
