import type { AttemptOutcome, CallbackKind, Satisfaction } from '../contract/callbacks.contract'
import type { ViewingOutcome } from '../contract/viewings.contract'
import type { Rng } from './random'

/**
 * What the department writes about sites, deposits, return visits, inspections and viewing
 * trips, in zh-CN. `{room}` is filled in with a room of the flat.
 */

const ROOMS = ['客厅', '主卧', '次卧', '儿童房', '书房', '厨房', '主卫', '客卫', '阳台', '餐厅', '玄关']
const fill = (rng: Rng, template: string): string => template.replace('{room}', () => rng.pick(ROOMS))

export const STOP_REASONS = [
  '业主要求暂停施工，等家里安排',
  '物业要求停工整改（未办装修许可）',
  '邻居投诉噪音，物业暂停施工',
  '定制材料未到，等待进场',
  '设计变更，等待新方案确认',
  '业主资金周转，暂缓施工',
  '春节放假停工',
  '小区统一停水停电检修',
]
export const RESUME_NOTES = ['材料已到场，恢复施工', '业主确认后复工', '物业手续已办妥', '节后复工', null]
export const CANCEL_REASONS = [
  '业主房屋出售，取消装修',
  '业主家庭原因，暂不装修',
  '预算调整，改为局部改造另行签约',
  '与设计方案无法达成一致，协商解约',
  '业主选择了其他装修公司',
  '房屋交付延期，合同解除',
]
export const LOST_REASONS = [
  '选择了其他装修公司',
  '报价超出预算',
  '房子暂时不装了',
  '对设计方案不满意',
  '家里意见不统一',
  '联系不上客户',
  '决定找熟人装修',
  '房屋出售',
]
export const DEPOSIT_FOLLOW_UPS = [
  '电话联系客户，方案还在和家人商量',
  '约客户周末来公司看方案修改稿',
  '客户在比较两家的报价，答应这周给答复',
  '设计师已上门复尺，客户比较满意',
  '客户要求调整厨房布局，设计师修改中',
  '微信发了样板间视频，客户有兴趣',
  '客户出差中，下周回来再谈',
  '客户问能否分期付款，已请示设计总监',
  '客户对报价有异议，约了面谈',
  '已约客户参加周六的看房班车',
]
export const DEPOSIT_NOTES = ['参加小区活动交定', '家装展会现场交定', '老客户介绍', '样板间参观后交定', null, null, null]
export const PROJECT_NOTES = ['业主要求用环保板材', '家有老人，卫生间做适老化', '业主周末才方便到现场', '需提前和物业报备', '婚房，年底前入住', null, null, null, null]

const ATTEMPT_NOTES: Record<AttemptOutcome, string[]> = {
  noAnswer: ['无人接听', '响铃多次无人接', '关机'],
  busy: ['占线', '通话中，稍后再打'],
  wrongNumber: ['号码错误，已核对档案', '空号，联系设计师确认号码'],
  inconvenient: ['客户在开会，约明天再打', '客户开车中，约晚点再联系', '客户说在忙，改天再聊'],
}
export const attemptNote = (rng: Rng, outcome: AttemptOutcome): string | null => (rng.chance(0.8) ? rng.pick(ATTEMPT_NOTES[outcome]) : null)

const CALLBACK_COMMENTS: Record<'construction' | 'milestone' | 'aftercare', Record<Satisfaction, (string | null)[]>> = {
  construction: {
    satisfied: ['工人很守时，现场也干净', '项目经理每周都会发进度照片', '进度正常，挺满意', '监理很负责', null, null, null],
    fair: ['进度有点慢', '现场垃圾清理不及时', '工人有时不到场', '沟通还可以再及时一些', '楼道保护做得一般'],
    unsatisfied: ['工期拖延，没人说明原因', '现场很乱，邻居有意见', '{room}做得不好，要求返工', '项目经理很难联系上'],
  },
  milestone: {
    satisfied: ['验收顺利，质量不错', '材料和样品一致，满意', '水电做得很规范', null, null],
    fair: ['验收时发现几处小问题，已答应整改', '材料晚到了两天', '{room}还有些细节要修'],
    unsatisfied: ['{room}验收不合格，要求整改', '进场材料和合同不符', '验收拖了很久'],
  },
  aftercare: {
    satisfied: ['住着挺好，没有问题', '家具都进场了，效果很满意', '已推荐朋友来公司', null, null, null],
    fair: ['{room}墙面有细小裂纹，观察中', '柜门有点松，还能用', '维修师傅来得慢了点'],
    unsatisfied: ['{room}墙面开裂', '卫生间有渗水', '{room}地板起拱，要求上门处理'],
  },
}

export function callbackComment(rng: Rng, kind: CallbackKind, result: Satisfaction): string | null {
  const texts = CALLBACK_COMMENTS[kind === 'ticketSatisfaction' ? 'aftercare' : kind][result]
  const text = rng.pick(texts)
  return text === null ? null : fill(rng, text)
}

export const INSPECTION_OK = [
  '现场整洁，成品保护到位，施工按图进行',
  '水电开槽规范，线管横平竖直',
  '防水涂刷均匀，闭水试验进行中',
  '泥瓦工贴砖平整，留缝均匀',
  '木工吊顶龙骨间距符合要求',
  '油漆基层处理到位，无明显瑕疵',
  '工人持证上岗，安全措施到位',
  '材料堆放整齐，消防器材齐全',
]
export const INSPECTION_ISSUES = [
  '{room}墙砖空鼓两处',
  '现场垃圾未及时清理，楼道有灰',
  '{room}电线未穿管，不符合规范',
  '{room}防水上翻高度不足',
  '成品保护不到位，门套有划痕',
  '施工人员未戴安全帽',
  '{room}吊顶龙骨间距过大',
  '{room}地面找平误差超标',
  '配电箱未做标识',
]
export const findings = (rng: Rng, list: string[]): string => fill(rng, rng.pick(list))

export const RECTIFICATION_ITEMS = [
  '1. 敲掉空鼓砖重新铺贴；2. 整改后通知监理复查',
  '1. 当天清理垃圾并清扫楼道；2. 以后每日收工前清理',
  '1. 电线全部穿管；2. 整改完成后拍照上传',
  '1. 防水上翻补刷至1.8米；2. 重新闭水试验48小时',
  '1. 做好门套、地面成品保护；2. 划痕处修补',
  '1. 进场人员必须佩戴安全帽；2. 项目经理现场督促',
  '1. 按规范加密龙骨；2. 监理复查后再封板',
  '1. 重新找平；2. 误差控制在3毫米以内',
  '1. 配电箱逐路标识；2. 复查时核对',
]
export const RECHECK_PASSED = ['已按要求整改，复查合格', '整改到位，客户确认', '现场复查通过']
export const RECHECK_FAILED = ['整改不彻底，仍有问题', '尚未整改，限期重新整改', '部分完成，需继续整改']

export const VIEWING_NOTES = ['从公司门口发车，中午安排简餐', '客户多为同小区业主', '设计师随车讲解', null]
export const VIEWING_REPORTS = [
  '共参观{sites}个在建工地，客户重点看了水电和防水工艺，对现场管理评价较好。',
  '客户对工地的整洁程度印象深刻，有两位客户当场约了量房。',
  '天气炎热，行程有所压缩；客户对木作工艺提问较多，设计师逐一解答。',
  '参观顺利，客户普遍关心工期和增项费用，已安排设计师后续跟进。',
]
export const VIEWING_OUTCOME_WEIGHTS: [ViewingOutcome, number][] = [
  ['interested', 32],
  ['deposit', 10],
  ['undecided', 40],
  ['notInterested', 18],
]

export const EVALUATION_COMMENTS = ['整体满意，感谢各位师傅', '设计师很用心', '工期比预期长了一点', '监理很负责', '项目经理沟通及时', '收尾有些拖沓', null, null]
export const GREETING_NOTES = ['短信群发完成', '短信群发，重点客户电话问候', '已通过短信平台发送']
