import { Rng, Weighted } from './random'

/** Shanghai's districts, weighted roughly by households, with a few of their roads for addresses. */
const DISTRICTS: { name: string; weight: number; roads: string[] }[] = [
  { name: '浦东新区', weight: 22, roads: ['锦绣路', '张杨路', '世纪大道', '东方路', '浦建路', '杨高南路', '上南路', '金科路', '沪南公路', '川沙路', '高科西路', '博山路'] },
  { name: '闵行区', weight: 11, roads: ['七莘路', '沪闵路', '莘庄路', '虹梅南路', '古美路', '莲花南路', '都市路', '漕宝路', '龙吴路', '华漕路'] },
  { name: '宝山区', weight: 8, roads: ['共和新路', '牡丹江路', '友谊路', '沪太路', '通河路', '场中路', '陆翔路', '呼兰路'] },
  { name: '徐汇区', weight: 6, roads: ['漕溪北路', '田林路', '天钥桥路', '龙华中路', '宜山路', '虹漕路', '桂林路', '瑞宁路'] },
  { name: '松江区', weight: 7, roads: ['人民北路', '荣乐东路', '思贤路', '九亭大街', '文诚路', '广富林路', '新松江路'] },
  { name: '嘉定区', weight: 7, roads: ['嘉松北路', '博乐路', '城中路', '墨玉路', '叶城路', '金沙江西路', '丰庄路'] },
  { name: '普陀区', weight: 6, roads: ['曹杨路', '真北路', '中山北路', '光新路', '金沙江路', '武宁路', '同普路'] },
  { name: '杨浦区', weight: 6, roads: ['四平路', '控江路', '国权路', '黄兴路', '政立路', '殷行路', '长阳路'] },
  { name: '静安区', weight: 5, roads: ['共和新路', '广中西路', '汶水路', '灵石路', '西康路', '延长路', '场中路'] },
  { name: '虹口区', weight: 4, roads: ['四川北路', '广中路', '曲阳路', '水电路', '凉城路', '大连西路', '临平路'] },
  { name: '长宁区', weight: 4, roads: ['天山路', '仙霞路', '虹桥路', '古北路', '茅台路', '娄山关路', '长宁路'] },
  { name: '黄浦区', weight: 3, roads: ['西藏南路', '制造局路', '蒙自路', '瞿溪路', '南车站路', '丽园路'] },
  { name: '青浦区', weight: 4, roads: ['盈港东路', '华新路', '徐泾镇诸光路', '赵巷镇嘉松中路', '青松路'] },
  { name: '奉贤区', weight: 3, roads: ['南桥路', '江海路', '百齐路', '解放东路', '环城东路'] },
  { name: '金山区', weight: 2, roads: ['卫零路', '龙皓路', '石化新城路', '朱泾镇万安街'] },
  { name: '崇明区', weight: 1, roads: ['城桥镇八一路', '翠竹路', '人民路'] },
]

/** Well-known estates, each in its district. */
const KNOWN: [string, string][] = [
  ['仁恒河滨城', '浦东新区'], ['汤臣一品', '浦东新区'], ['世茂滨江花园', '浦东新区'], ['联洋年华', '浦东新区'], ['碧云国际社区', '浦东新区'],
  ['康桥半岛', '浦东新区'], ['三林世博家园', '浦东新区'], ['东方城市花园', '浦东新区'], ['由由新村', '浦东新区'], ['金杨新村', '浦东新区'],
  ['上南花城', '浦东新区'], ['陆家嘴花园', '浦东新区'], ['证大家园', '浦东新区'], ['东方知音苑', '浦东新区'], ['万科翡翠公园', '浦东新区'],
  ['中海御景熙岸', '浦东新区'], ['浦江华侨城', '浦东新区'], ['御桥新苑', '浦东新区'],
  ['万科城市花园', '闵行区'], ['上海康城', '闵行区'], ['春申城四季', '闵行区'], ['古美新村', '闵行区'], ['万源城', '闵行区'],
  ['莘城苑', '闵行区'], ['阳光美景城', '闵行区'], ['新梅莘苑', '闵行区'], ['七宝宝龙城', '闵行区'], ['中虹花园', '闵行区'],
  ['绿地海珀日晖', '徐汇区'], ['田林十二村', '徐汇区'], ['徐汇苑', '徐汇区'], ['汇成一村', '徐汇区'], ['龙华苑', '徐汇区'],
  ['东安公寓', '徐汇区'], ['乐山新村', '徐汇区'], ['华欣家园', '徐汇区'],
  ['古北国际花园', '长宁区'], ['天山新村', '长宁区'], ['新虹桥雅苑', '长宁区'], ['上海花城', '长宁区'], ['仁恒河滨花园', '长宁区'],
  ['中凯城市之光', '静安区'], ['大宁金茂府', '静安区'], ['彭浦新村', '静安区'], ['宝华城市之星', '静安区'], ['静安豪景苑', '静安区'],
  ['中远两湾城', '普陀区'], ['曹杨新村', '普陀区'], ['长风景畔', '普陀区'], ['阳光水岸家园', '普陀区'], ['武宁小城', '普陀区'], ['真光新村', '普陀区'],
  ['凉城新村', '虹口区'], ['瑞虹新城', '虹口区'], ['广中新村', '虹口区'], ['曲阳新村', '虹口区'],
  ['控江新村', '杨浦区'], ['鞍山新村', '杨浦区'], ['新江湾城', '杨浦区'], ['东方名城', '杨浦区'], ['中原小区', '杨浦区'], ['长白新村', '杨浦区'],
  ['翠湖天地', '黄浦区'], ['绿地海珀外滩', '黄浦区'], ['露香园', '黄浦区'], ['建业里', '黄浦区'],
  ['保利叶语', '宝山区'], ['共富新村', '宝山区'], ['通河新村', '宝山区'], ['馨佳园', '宝山区'], ['大华锦绣华城', '宝山区'], ['上海春城', '宝山区'], ['呼玛小区', '宝山区'],
  ['保利湖畔阳光苑', '嘉定区'], ['嘉宝梦之湾', '嘉定区'], ['金地格林世界', '嘉定区'], ['新城公馆', '嘉定区'], ['新源小区', '嘉定区'],
  ['泰晤士小镇', '松江区'], ['世茂佘山庄园', '松江区'], ['九城湖滨', '松江区'], ['新凯家园', '松江区'], ['西部名都', '松江区'],
  ['国际华城', '青浦区'], ['龙湖天璞', '青浦区'], ['青浦新城一品', '青浦区'],
  ['碧桂园凤凰城', '奉贤区'], ['南桥新苑', '奉贤区'], ['金山嘴花园', '金山区'], ['城桥新苑', '崇明区'],
]

const BRANDS = ['万科', '保利', '绿地', '中海', '招商', '龙湖', '华润', '融创', '金地', '新城', '旭辉', '仁恒', '世茂', '绿城', '中建', '建发', '越秀', '大华', '新湖', '中粮', '象屿', '华发', '瑞安', '路劲', '首开']
const BRAND_SUFFIXES = ['翡翠滨江', '公园里', '天悦', '玖誉', '云锦', '御府', '华府', '名邸', '锦绣里', '悦庭', '时代', '海上传奇', '湖畔', '星河湾', '雍华府', '城市之光', '西郊庄园', '云玺', '滨江壹号', '臻园', '尚城', '璟庭', '翡丽', '东方郡']
const PLACES = ['梅陇', '田林', '康健', '长桥', '龙柏', '金桥', '花木', '北蔡', '周浦', '航头', '惠南', '大场', '顾村', '罗店', '江桥', '南翔', '安亭', '九亭', '泗泾', '洞泾', '徐泾', '华新', '南桥', '庄行', '吴泾', '颛桥', '马桥', '江湾', '五角场', '彭浦', '大宁', '真如', '桃浦', '长征', '虹桥', '新泾', '北新泾', '打浦', '凌云', '曹路', '高行', '川沙', '张江', '三林', '杨思', '莘庄', '七宝', '华漕', '浦锦', '泗塘']
const PLAIN_SUFFIXES = ['新村', '小区', '花园', '公寓', '家园', '新苑', '雅苑', '华庭', '嘉园', '名苑', '绿苑', '佳苑', '丽都', '城']
const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']

export interface Community {
  name: string
  district: string
  roads: string[]
  /** how many customers it draws relative to the others: a few big estates, a long tail */
  weight: number
}

/** A few hundred plausible 小区 of the company's city (Shanghai), each placed in a district. */
export function buildCommunities(rng: Rng, count: number): Community[] {
  const districts = new Weighted(DISTRICTS.map((d) => [d, d.weight] as const))
  const byName = new Map(DISTRICTS.map((d) => [d.name, d]))
  const names = new Set<string>()
  const result: Omit<Community, 'weight'>[] = []
  const add = (name: string, district: string): void => {
    if (names.has(name) || name.length > 60) return
    names.add(name)
    result.push({ name, district, roads: byName.get(district)?.roads ?? [] })
  }
  for (const [name, district] of KNOWN) add(name, district)
  let guard = 0
  while (result.length < count && guard++ < count * 50) {
    const district = districts.draw(rng)
    const r = rng.next()
    if (r < 0.4) add(rng.pick(BRANDS) + rng.pick(BRAND_SUFFIXES), district.name)
    else if (r < 0.6) add(`${rng.pick(PLACES)}${rng.pick(NUMBERS)}村`, district.name)
    else if (r < 0.85) add(rng.pick(PLACES) + rng.pick(PLAIN_SUFFIXES), district.name)
    else add(`${rng.pick(BRANDS)}${rng.pick(BRAND_SUFFIXES)}${rng.pick(['一期', '二期', '三期'])}`, district.name)
  }
  // Shuffle so that the big estates are not all the well-known ones, then weight by rank (Zipf-like).
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1))
    ;[result[i], result[j]] = [result[j], result[i]]
  }
  return result.slice(0, count).map((c, rank) => ({ ...c, weight: 1 / Math.pow(rank + 10, 0.6) }))
}

/** `闵行区七莘路3333弄12号1502室` */
export function addressIn(rng: Rng, community: Community): string {
  const road = community.roads.length ? rng.pick(community.roads) : '人民路'
  const lane = rng.int(1, 420) * (rng.chance(0.3) ? 10 : 1)
  const building = rng.int(1, 36)
  const floor = rng.int(1, 28)
  const room = floor * 100 + rng.int(1, 6)
  return `${community.district}${road}${lane}弄${building}号${room}室`
}
