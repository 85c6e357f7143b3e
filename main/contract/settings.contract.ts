import { z } from 'zod'
import { defineMethod } from './define'
import { fen, input, intRange, text } from './schema-kit'

export interface BudgetRange {
  label: string
  minFen: number
  maxFen: number | null
}

const budgetRange = z.strictObject({
  label: text('预算档名称', 30),
  minFen: fen('预算下限'),
  maxFen: fen('预算上限').nullable(),
})

const hoursBySeverity = z.record(text('严重程度', 30), intRange('解决时限（小时）', 1, 24 * 365), { error: '解决时限必须按严重程度填写' })
const yearsByCategory = z.record(text('报修项目', 30), intRange('保修年限', 0, 50), { error: '保修年限必须按报修项目填写' })

const list = (label: string) => z.array(text(label, 30), { error: `${label}必须是列表` }).min(1, { error: `${label}至少保留一项` }).max(100, { error: `${label}最多100项` })

/** Every setting with its schema; the defaults below are what a new company starts with. */
export const settingsSchema = z.strictObject({
  companyName: text('公司名称', 60),
  timeZone: text('时区', 60).refine((tz) => isTimeZone(tz), { error: '时区无效' }),
  localAreaCode: z.string({ error: '本地区号无效' }).regex(/^0\d{2,3}$/, { error: '本地区号应为 0 开头的 3–4 位数字' }),
  sourceChannels: list('来源渠道'),
  styles: list('装修风格'),
  houseTypes: list('房型'),
  customerGrades: list('客户分类'),
  budgetRanges: z.array(budgetRange).min(1, { error: '预算档至少保留一项' }).max(30, { error: '预算档最多30项' }),
  designerProtectionDays: intRange('设计师保护期（天）', 1, 365),
  loginMaxFailures: intRange('登录失败锁定次数', 3, 20),
  loginLockMinutes: intRange('锁定时长（分钟）', 1, 1440),
  sessionIdleMinutes: intRange('登录空闲超时（分钟）', 5, 1440),
  missedRingSeconds: intRange('未接判定响铃时长（秒）', 1, 120),
  complaintCategories: list('投诉类别'),
  ticketSeverities: list('严重程度'),
  repairCategories: list('报修项目'),
  ticketResponseHours: intRange('响应时限（小时）', 1, 720),
  /** resolution time per severity; a severity missing here uses the longest one listed */
  ticketResolutionHours: hoursBySeverity,
  ticketRiskPercent: intRange('预警阈值（已用时限百分比）', 10, 99),
  escalationStepHours: intRange('逐级上报间隔（小时）', 1, 720),
  repeatComplaintDays: intRange('重复投诉判定期（天）', 1, 3650),
  satisfactionCallbackDays: intRange('满意度回访期限（天）', 0, 30),
  assessmentGeneralManagerFen: fen('投诉到总经理考核金额'),
  assessmentLeadersMinFen: fen('投诉到公司领导考核金额下限'),
  assessmentLeadersMaxFen: fen('投诉到公司领导考核金额上限'),
  warrantyDefaultYears: intRange('保修年限', 0, 50),
  /** 防水 5 years; categories not listed use the default */
  warrantyYearsByCategory: yearsByCategory,
  callbackWeeklyDays: intRange('施工期回访间隔（天）', 1, 60),
  callbackMilestoneDelayDays: intRange('节点回访延后（天）', 0, 30),
  callbackMonthlyMonths: intRange('竣工后按月回访（月）', 0, 60),
  callbackQuarterlyUntilMonths: intRange('按季度回访至竣工后（月）', 0, 120),
  callbackPlanAheadDays: intRange('施工期回访提前排期（天）', 7, 365),
  greetingLeadDays: intRange('节日问候提前（天）', 0, 30),
  greetingHolidays: list('问候的节日'),
  inspectionIntervalDays: intRange('巡检周期（天）', 1, 60),
  depositAlertDays: intRange('待签预警（天）', 1, 365),
  /** 谈单量 counts walk-ins received and, when set, measuring appointments made */
  consultationCountsMeasures: z.boolean({ error: '谈单量是否包含量房预约无效' }),
  staffingTargetPercent: intRange('服务水平目标（%）', 50, 99),
  staffingTargetSeconds: intRange('服务水平目标接通时间（秒）', 5, 300),
  staffingWeeks: intRange('排班测算参考周数', 1, 26),
  ctiEnabled: z.boolean({ error: '是否启用电话事件接口无效' }),
  ctiBindAddress: z.union([z.ipv4(), z.ipv6()], { error: '电话事件接口监听地址应为 IP 地址' }),
  ctiPort: intRange('电话事件接口端口', 1024, 65535),
})
export type AppSettings = z.infer<typeof settingsSchema>

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const wan = (n: number): number => n * 10000 * 100

export const DEFAULT_SETTINGS: AppSettings = {
  companyName: '某某装饰工程有限公司',
  timeZone: 'Asia/Shanghai',
  localAreaCode: '021',
  sourceChannels: ['自然到店', '老客户介绍', '网络推广', '小区活动', '家装展会', '电话咨询', '合作渠道', '其他'],
  styles: ['现代简约', '新中式', '北欧', '轻奢', '美式', '欧式', '日式原木', '工业风', '其他'],
  houseTypes: ['一室', '两室', '三室', '四室及以上', '复式', '别墅', '商铺/办公', '其他'],
  customerGrades: ['A 重点', 'B 意向', 'C 一般', 'D 观望'],
  budgetRanges: [
    { label: '10万以下', minFen: 0, maxFen: wan(10) },
    { label: '10–20万', minFen: wan(10), maxFen: wan(20) },
    { label: '20–30万', minFen: wan(20), maxFen: wan(30) },
    { label: '30–50万', minFen: wan(30), maxFen: wan(50) },
    { label: '50万以上', minFen: wan(50), maxFen: null },
  ],
  designerProtectionDays: 30,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  sessionIdleMinutes: 720,
  // An unanswered call that rang this long was missed (we owe a callback); a shorter one the caller abandoned.
  missedRingSeconds: 10,
  complaintCategories: ['工程质量', '设计', '材料', '工期', '服务态度', '其他'],
  ticketSeverities: ['一般', '较重', '严重', '紧急'],
  repairCategories: ['防水', '水电', '墙面', '地面', '木作', '门窗', '吊顶', '其他'],
  // 投诉在24小时内必须作出相关回应 (the manual)
  ticketResponseHours: 24,
  ticketResolutionHours: { 一般: 168, 较重: 72, 严重: 48, 紧急: 24 },
  ticketRiskPercent: 75,
  escalationStepHours: 24,
  repeatComplaintDays: 90,
  satisfactionCallbackDays: 1,
  // 客户电话投诉到总经理处，相关责任人处以200元处罚；投诉到公司领导依情节轻重处以100-300元处罚
  assessmentGeneralManagerFen: 200_00,
  assessmentLeadersMinFen: 100_00,
  assessmentLeadersMaxFen: 300_00,
  // residential fit-out: at least 2 years, waterproofing 5 years
  warrantyDefaultYears: 2,
  warrantyYearsByCategory: { 防水: 5 },
  // 施工期间每周回访一次; 完工后第一年每个月回访一次，第二年每季度回访一次 (the manual)
  callbackWeeklyDays: 7,
  callbackMilestoneDelayDays: 1,
  callbackMonthlyMonths: 12,
  callbackQuarterlyUntilMonths: 24,
  callbackPlanAheadDays: 28,
  greetingLeadDays: 2,
  greetingHolidays: ['元旦', '春节', '元宵节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'],
  // 巡检一周最少一次
  inspectionIntervalDays: 7,
  depositAlertDays: 14,
  consultationCountsMeasures: true,
  // the call-centre convention: 80 % of calls answered within 20 seconds
  staffingTargetPercent: 80,
  staffingTargetSeconds: 20,
  staffingWeeks: 8,
  ctiEnabled: true,
  ctiBindAddress: '127.0.0.1',
  ctiPort: 8631,
}

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof AppSettings)[]

/** The telephony listener as an administrator configures a PBX against it; the token is a secret. */
export interface TelephonyConfig {
  enabled: boolean
  bindAddress: string
  port: number
  token: string
  /** where events are posted, e.g. `http://127.0.0.1:8631/cti/events` */
  url: string
  listening: boolean
}

export const settingsContract = {
  get: defineMethod<AppSettings>()({ input: input({}), permission: 'session' }),
  update: defineMethod<AppSettings>()({
    input: input({ changes: settingsSchema.partial() }),
    permission: 'settings.manage',
    audit: 'change',
  }),
  telephony: defineMethod<TelephonyConfig>()({ input: input({}), permission: 'settings.manage', audit: 'view' }),
  rotateCtiToken: defineMethod<TelephonyConfig>()({ input: input({}), permission: 'settings.manage', audit: 'change' }),
}
