import type { Satisfaction } from '../contract/callbacks.contract'
import type { LeaderComplaintTarget, SuspendReason, TicketKind } from '../contract/tickets.contract'
import type { Rng } from './random'

/**
 * What agents write on a 投诉联系单 or 维修受理单 and in its handling log, in zh-CN: a subject
 * line (the list shows it) and, often, the circumstances under it. Categories the settings
 * add themselves fall back to the 其他 texts.
 */

const ROOMS = ['客厅', '主卧', '次卧', '儿童房', '书房', '厨房', '主卫', '客卫', '阳台', '餐厅', '玄关', '走廊']
const WET_ROOMS = ['主卫', '客卫', '厨房', '阳台', '洗衣区']

/** `{room}` and `{wet}` are filled in with a room of the flat. */
const COMPLAINT_SUBJECTS: Record<string, string[]> = {
  工程质量: [
    '{room}墙面多处开裂', '{wet}地砖空鼓，敲击有空响', '{room}墙面不平整，灯光下很明显', '{room}乳胶漆色差明显', '水电走线不规范，未按图纸施工',
    '{room}吊顶石膏板接缝开裂', '{room}踢脚线翘起脱落', '{wet}墙砖对缝不齐、缝宽不一', '{room}木地板踩上去咯吱响', '{room}门套与墙面之间有缝隙',
    '{wet}地面找坡不对，积水流不到地漏', '橱柜台面拼接处有明显接缝', '{room}插座面板歪斜、松动', '{room}窗台石开裂',
  ],
  设计: [
    '{room}效果与设计方案不符', '{room}柜体尺寸设计有误，装不进去', '{room}插座位置设计不合理', '施工图与报价清单不一致', '设计师更改方案未告知客户',
    '{room}灯光设计太暗', '{room}收纳空间比方案少', '设计师多次约不到人',
  ],
  材料: [
    '进场瓷砖与合同品牌型号不符', '{room}板材有明显异味', '乳胶漆不是约定的环保型号', '{wet}五金件生锈', '送来的地板颜色和样板不一致',
    '材料迟迟不到场，耽误工期', '{room}门板有划痕破损', '洁具型号与清单不符',
  ],
  工期: [
    '工期已拖延两周，没有明确说法', '工人经常不到场，工地停工', '约定的节点验收一再推迟', '工地连续一周没人施工', '完工时间一拖再拖，影响入住',
    '油漆工迟迟不进场', '拆改后停工等材料十多天',
  ],
  服务态度: [
    '项目经理态度恶劣', '打电话给监理一直没人接', '设计师回复不及时', '工人在工地抽烟，劝说后顶撞客户', '客服答应的回电一直没有打',
    '售后师傅上门迟到且态度差',
  ],
  其他: ['工地垃圾长期未清理', '施工噪音被邻居投诉到物业', '施工损坏了楼道公共墙面', '工人未做成品保护，弄脏了地面', '合同外增项收费不明'],
}

const COMPLAINT_DETAILS = [
  '客户称已经跟项目经理反映过两次，一直没有处理。',
  '客户很着急，下个月就要搬进来住。',
  '客户发来了现场照片，问题比较明显。',
  '客户情绪比较激动，要求尽快给说法。',
  '客户表示如果不处理就要投诉到公司领导。',
  '邻居也来反映过同样的问题。',
  '客户家里有老人和小孩，希望尽快解决。',
  '现场监理已确认情况属实。',
  '客户要求书面答复处理时间。',
  '客户说周末都在家，可以上门查看。',
]

const COMPLAINT_EXPECTATIONS: Record<string, string[]> = {
  工程质量: ['返工重做', '尽快安排返工并重新验收', '返工期间费用由公司承担', '更换施工班组'],
  设计: ['按原方案整改', '重新出方案并免费调整', '设计师上门说明'],
  材料: ['按合同更换材料', '退换并赔偿延误损失', '提供材料检测报告'],
  工期: ['给出明确的完工时间', '按合同赔付延期违约金', '增派工人赶工期'],
  服务态度: ['更换项目经理', '当事人道歉', '以后有专人对接'],
  其他: ['尽快清理', '赔偿损失', '给出书面说明'],
}

const REPAIR_SUBJECTS: Record<string, string[]> = {
  防水: ['{wet}楼下天花板渗水', '{wet}墙角发霉、墙皮起泡', '阳台地面积水往室内渗', '淋浴区墙面渗水到隔壁房间', '{wet}门槛石下面往外渗水', '外墙窗边下雨渗水'],
  水电: ['{room}插座没电', '热水器水压很小', '{room}灯一开就跳闸', '{wet}水管接头漏水', '厨房下水堵塞', '{room}开关面板发烫', '马桶进水阀一直流水', '地暖不热'],
  墙面: ['{room}墙面开裂', '{room}墙皮起皮脱落', '{room}墙面返碱发黄', '{room}石膏线开裂'],
  地面: ['{room}木地板起拱', '{room}地砖空鼓开裂', '{room}地板缝隙变大', '{wet}地砖松动'],
  木作: ['衣柜门关不严', '橱柜铰链松动，门板下垂', '{room}柜门变形', '抽屉滑轨卡顿', '书柜层板下沉'],
  门窗: ['入户门关不上', '{room}窗户漏风', '{room}推拉门轨道卡住', '{room}门锁坏了', '{room}窗户把手松动'],
  吊顶: ['{room}吊顶有裂缝', '{wet}铝扣板吊顶下沉', '{room}吊顶灯槽开裂', '浴霸周围吊顶变形'],
  其他: ['马桶下水慢', '淋浴房玻璃门松动', '{wet}地漏返味', '晾衣架升降不了', '{room}窗帘轨道脱落'],
}

const REPAIR_DETAILS = [
  '客户说最近几天才发现，越来越严重。',
  '楼下邻居已经找上门了，比较急。',
  '入住半年后出现的。',
  '之前修过一次，又坏了。',
  '客户已拍照发到微信群。',
  '下雨天特别明显。',
  '白天家里没人，要提前约时间。',
]

const PREFERRED_TIMES = ['工作日上午', '工作日下午', '周末全天', '明天上午', '晚上六点后', '随时都可以', '本周六上午']

const DISPATCH_NOTES = [
  '请于时限内联系客户并反馈处理方案',
  '客户比较着急，请优先处理',
  '已电话通知责任人，联系单随后发出',
  '请先上门查看现场，拍照反馈',
  '联系单已打印交部门负责人',
  null,
]

const RESPONSES: Record<TicketKind, string[]> = {
  complaint: [
    '已电话联系客户致歉，约好时间上门查看',
    '已到现场查看，情况属实，正在制定整改方案',
    '已与客户沟通，答应本周内给出处理方案',
    '已联系施工班组，明天进场处理',
    '已向客户说明原因，客户同意先看整改效果',
    '已约客户到店面谈',
  ],
  repair: [
    '师傅已联系客户，约好上门时间',
    '已上门查看，需要订配件',
    '已上门检查，找到漏点，安排维修',
    '已电话指导客户先关闭总阀，明天上门',
    '师傅已确认问题，明天带材料上门',
  ],
}

const RESULTS: Record<string, string[]> = {
  工程质量: ['空鼓地砖已全部铲掉重铺，客户现场验收', '开裂处已切缝修补并重新刷漆', '已按规范整改走线，监理复验合格', '已返工处理，重新验收合格'],
  设计: ['设计师上门重新确认尺寸，柜体已重新下单', '已按原方案调整并经客户确认', '已免费修改方案，客户认可'],
  材料: ['已按合同更换为约定品牌', '问题材料已退换，补偿客户延误损失', '已提供检测报告并更换有问题的板材'],
  工期: ['已增派工人，确定了完工日期并书面告知客户', '已按合同约定给予延期补偿', '工地已恢复施工，项目经理每天向客户汇报进度'],
  服务态度: ['已更换项目经理，当事人向客户道歉', '已对当事人批评教育，并向客户致歉', '已安排专人对接客户'],
  其他: ['垃圾已清运完毕', '已修复公共区域并与物业沟通', '已向客户说明收费明细，多收部分已退还'],
  防水: ['已重做防水层并闭水试验48小时，无渗漏', '已找到漏点并局部修补，闭水试验合格', '已打胶处理门槛石下渗水'],
  水电: ['已更换损坏的插座，线路检测正常', '已更换漏水接头，试水无渗漏', '已疏通下水管道', '已更换进水阀'],
  墙面: ['已铲除起皮处重新批腻子刷漆', '裂缝已贴布修补并补漆'],
  地面: ['已拆除起拱地板，处理后重新铺装', '空鼓地砖已重新铺贴'],
  木作: ['已调整铰链，柜门关闭正常', '已更换滑轨', '已更换变形门板'],
  门窗: ['已调整门框，开关顺畅', '已更换密封条', '已更换门锁'],
  吊顶: ['已重新固定龙骨并修补裂缝', '已更换下沉的铝扣板'],
}
const RESULTS_OTHER = ['问题已处理完毕，客户确认', '已上门维修，恢复正常']

const SUSPEND_NOTES: Record<SuspendReason, string[]> = {
  customer: ['客户出差，下周回来再上门', '客户要求等装修款到账后再处理', '客户家里暂时不方便施工', '客户要和家人商量处理方案'],
  supplier: ['等厂家补发配件', '定制柜门返厂重做，约两周', '等供应商调换同批次瓷砖', '厂家售后排期中'],
  other: ['等物业审批施工许可', '雨季过后再做外墙防水', '等楼下邻居配合开门查看'],
}
const RESUME_NOTES = ['配件已到，继续处理', '客户已回来，恢复处理', '已和客户约好时间', null]

const CANCEL_NOTES = [
  '客户表示问题已自行解决',
  '重复登记，已在另一张单处理',
  '客户撤回投诉',
  '经核实不属于我司施工范围',
  '客户联系不上，已确认不再处理',
]

const COMMENTS: Record<Satisfaction, (string | null)[]> = {
  satisfied: ['处理得很及时，谢谢', '师傅很专业', '问题解决了，很满意', '态度很好', null],
  fair: ['处理了，就是时间拖得有点久', '基本解决了，还要再观察', '效果一般，能接受', '沟通可以再及时一些'],
  unsatisfied: ['问题还在，没有解决', '返工后又出现了', '处理敷衍，要求重新处理', '一直没人来，说是处理完了'],
}

const ATTEMPT_NOTES = ['无人接听', '客户在开会，约晚点再打', '关机', '客户说在忙，明天再联系', '占线']

const LEADER_NOTES: Record<LeaderComplaintTarget, string[]> = {
  generalManager: ['客户直接打电话到总经理办公室投诉', '客户到公司找总经理当面投诉', '客户给总经理发了微信投诉'],
  leaders: ['客户找到设计总监投诉处理太慢', '客户向工程副总反映问题', '客户在公司领导接待日反映此事'],
}
const DECISION_NOTES = { confirm: ['情况属实，按制度考核', '多次催促未处理，确认考核', null], reject: ['责任不在当事人，不予考核', '已在时限内处理，客户误会', '属于客户原因'] }

function fill(rng: Rng, template: string): string {
  return template.replace('{room}', () => rng.pick(ROOMS)).replace('{wet}', () => rng.pick(WET_ROOMS))
}

export interface TicketStory {
  description: string
  expectation: string | null
  preferredTime: string | null
}

/** The subject line and, for half of the tickets, what the customer said around it. */
export function ticketStory(rng: Rng, kind: TicketKind, category: string, subject?: string): TicketStory {
  const subjects = kind === 'complaint' ? COMPLAINT_SUBJECTS : REPAIR_SUBJECTS
  const first = subject ?? fill(rng, rng.pick(subjects[category] ?? subjects['其他']))
  const details = kind === 'complaint' ? COMPLAINT_DETAILS : REPAIR_DETAILS
  const description = rng.chance(0.55) ? `${first}\n${rng.pick(details)}` : first
  if (kind === 'repair') return { description, expectation: null, preferredTime: rng.chance(0.8) ? rng.pick(PREFERRED_TIMES) : null }
  const expectation = rng.chance(0.8) ? rng.pick(COMPLAINT_EXPECTATIONS[category] ?? COMPLAINT_EXPECTATIONS['其他']) : null
  return { description, expectation, preferredTime: null }
}

export const dispatchNote = (rng: Rng): string | null => rng.pick(DISPATCH_NOTES)
export const responseNote = (rng: Rng, kind: TicketKind): string => rng.pick(RESPONSES[kind])
export const resultNote = (rng: Rng, category: string): string => rng.pick(RESULTS[category] ?? RESULTS_OTHER)
export const suspendNote = (rng: Rng, reason: SuspendReason): string => rng.pick(SUSPEND_NOTES[reason])
export const resumeNote = (rng: Rng): string | null => rng.pick(RESUME_NOTES)
export const cancelNote = (rng: Rng): string => rng.pick(CANCEL_NOTES)
export const callbackComment = (rng: Rng, result: Satisfaction): string | null => rng.pick(COMMENTS[result])
export const attemptNote = (rng: Rng): string => rng.pick(ATTEMPT_NOTES)
export const leaderComplaintNote = (rng: Rng, target: LeaderComplaintTarget): string => rng.pick(LEADER_NOTES[target])
export const decisionNote = (rng: Rng, decision: 'confirm' | 'reject'): string | null => rng.pick(DECISION_NOTES[decision])
export const reassignNote = (rng: Rng): string | null => rng.pick(['原责任人休假，改派', '客户要求更换处理人', '问题涉及其他工种，改派', null])

const FOLLOW_NOTES: [string, boolean][] = [
  ['客户来电询问进度，已告知预计完成时间', false],
  ['已催促责任人尽快处理', false],
  ['客户发来新的现场照片，已转责任人', false],
  ['已和客户约好周六上午上门', true],
  ['材料已下单，预计三天到货', true],
  ['现场复查后需要返工，已安排班组', true],
]

/** A line in the handling log between the steps; some the agent writes on behalf of the responsible person. */
export function followNote(rng: Rng): { note: string; onBehalf: boolean } {
  const [note, onBehalf] = rng.pick(FOLLOW_NOTES)
  return { note, onBehalf }
}
