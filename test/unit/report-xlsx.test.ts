import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { formatReportValue, type Report, type ReportColumn, type ReportSection, type ReportValue } from '../../main/contract/reports.contract'
import { cleanSheetName, INFO_SHEET_NAME, REPORT_NUM_FMT, reportWorkbook, SheetNames, textWidth } from '../../main/services/report-xlsx'

const LONG_TEXT = '客户反映卫生间防水层施工后楼下邻居天花板出现渗水，已联系工程部上门复查并安排重新做闭水试验，预计下周三前完成整改'

const everyFormat: ReportColumn[] = [
  { key: 'name', label: '客服', format: 'text' },
  { key: 'on', label: '日期', format: 'date' },
  { key: 'calls', label: '来电量', format: 'int' },
  { key: 'answered', label: '接通率', format: 'percent' },
  { key: 'amount', label: '定金金额', format: 'fen' },
  { key: 'handle', label: '平均通话时长（秒）', format: 'seconds' },
  { key: 'score', label: '满意度', format: 'score' },
  { key: 'remark', label: '备注', format: 'text' },
]

const REPORT: Report = {
  kind: 'serviceMonthly',
  title: '客服月报表',
  companyName: '安居装饰工程有限公司',
  from: '2026-11-01',
  to: '2026-11-30',
  periodLabel: '2026年11月',
  // 00:05 on 1 December in Shanghai: the sheet shows the company's clock, not UTC
  generatedAt: '2026-11-30T16:05:00.000Z',
  sections: [
    {
      key: 'agents',
      title: '客服/来电统计 [本月]: 接通*率?',
      columns: everyFormat,
      rows: [
        { name: '王晓燕', on: '2026-11-02', calls: 1234, answered: 0.9567, amount: 12_345_678, handle: 187, score: 4.6667, remark: LONG_TEXT },
        { name: '李强', on: '2026-11-03', calls: 0, answered: null, amount: 10, handle: null, score: null, remark: null },
        { name: '合计', on: null, calls: 1_234_567, answered: 1, amount: 0, handle: 3600, score: 5, remark: '' },
      ],
      note: '接通率 = 接通来电 ÷ 呼入来电；满意度为回访评分（1–5）的平均值。',
    },
    {
      key: 'designers',
      title: '设计师业绩',
      columns: [
        { key: 'designer', label: '设计师', format: 'text' },
        { key: 'signed', label: '签单额', format: 'fen' },
        { key: 'rate', label: '签单率', format: 'percent' },
      ],
      rows: [
        { designer: '陈设计', signed: 18_000_000, rate: 0.25 },
        { designer: 'Zhou Ming', signed: 99, rate: 0.333 },
      ],
    },
    {
      key: 'designersAgain',
      title: '设计师业绩',
      columns: [
        { key: 'designer', label: '设计师', format: 'text' },
        { key: 'visits', label: '到店量', format: 'int' },
      ],
      rows: [{ designer: '陈设计', visits: 12 }],
      note: '同名分表',
    },
    {
      key: 'empty',
      title: '本月无投诉的部门（共计零条记录，按部门名称排序显示）',
      columns: [{ key: 'dept', label: '部门', format: 'text' }],
      rows: [],
    },
  ],
}

const EXPECTED_SHEETS = [INFO_SHEET_NAME, '客服_来电统计 _本月__ 接通_率_', '设计师业绩', '设计师业绩 (2)', '本月无投诉的部门（共计零条记录，按部门名称排序显示）'.slice(0, 31)]

async function reopen(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return workbook
}

/** What the cell must hold for a report value: numbers as numbers (fen as yuan), nothing for null. */
function expectedCell(value: ReportValue, column: ReportColumn): number | string | null {
  if (value === null || value === '') return null
  if (typeof value === 'string') return value
  if (column.format === 'fen') return value / 100
  return column.format === 'text' || column.format === 'date' ? String(value) : value
}

function checkSection(sheet: ExcelJS.Worksheet, section: ReportSection): void {
  const { columns, rows } = section
  columns.forEach((column, c) => {
    const header = sheet.getCell(1, c + 1)
    expect(header.value, `${sheet.name} header ${c}`).toBe(column.label)
    expect(header.font?.bold).toBe(true)
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid' })
    const width = sheet.getColumn(c + 1).width ?? 0
    expect(width, `${sheet.name} ${column.label} width`).toBeGreaterThan(textWidth(column.label))
    for (const row of rows) {
      const value = row[column.key] ?? null
      const cell = sheet.getCell(rows.indexOf(row) + 2, c + 1)
      const expected = expectedCell(value, column)
      expect(cell.value ?? null, `${sheet.name} ${column.label} ${JSON.stringify(row)}`).toEqual(expected)
      if (typeof expected === 'number') {
        expect(cell.numFmt, `${sheet.name} ${column.label}`).toBe(REPORT_NUM_FMT[column.format])
        expect(typeof cell.value).toBe('number')
        // the workbook holds what the screen shows, through the one text form
        const back = column.format === 'fen' ? Math.round((cell.value as number) * 100) : (cell.value as number)
        expect(formatReportValue(back, column.format)).toBe(formatReportValue(value, column.format))
      }
      if (typeof expected === 'string') expect(cell.type).toBe(ExcelJS.ValueType.String)
      // a text column wide enough for its longest text (up to a cap past which it would push everything else away)
      if (typeof expected === 'string') expect(width).toBeGreaterThanOrEqual(Math.min(textWidth(expected), 58))
    }
  })
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  const lastRow = rows.length + 1
  if (section.note) {
    expect(sheet.getCell(lastRow + 1, 1).value ?? null).toBeNull()
    expect(sheet.getCell(lastRow + 2, 1).value).toBe(section.note)
    expect(sheet.rowCount).toBe(lastRow + 2)
  } else {
    expect(sheet.rowCount).toBe(lastRow)
  }
  // nothing outside the table's columns
  sheet.eachRow((row) => expect(row.cellCount).toBeLessThanOrEqual(columns.length))
}

describe('reportWorkbook', () => {
  it('writes every section as a sheet Excel reopens cell for cell, with the header frozen and filtered', async () => {
    const progress: [number, number][] = []
    const bytes = await reportWorkbook(REPORT, (done, total) => progress.push([done, total]), 'Asia/Shanghai')
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]) // a zip, as every .xlsx
    expect(progress).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ])

    const workbook = await reopen(bytes)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(EXPECTED_SHEETS)
    expect(workbook.title).toBe('客服月报表')
    expect(workbook.creator).toBe('安居装饰工程有限公司')

    const info = workbook.worksheets[0]
    const infoRows = [1, 2, 3, 4, 5, 6].map((r) => [info.getCell(r, 1).value, info.getCell(r, 2).value])
    expect(infoRows).toEqual([
      ['报表', '客服月报表'],
      ['公司', '安居装饰工程有限公司'],
      ['统计期间', '2026年11月'],
      ['起始日期', '2026-11-01'],
      ['截止日期', '2026-11-30'],
      ['生成时间', '2026-12-01 00:05'],
    ])
    expect(info.rowCount).toBe(6)
    expect(info.getColumn(2).width).toBeGreaterThan(textWidth('安居装饰工程有限公司'))

    REPORT.sections.forEach((section, s) => checkSection(workbook.worksheets[s + 1], section))
    const agents = workbook.worksheets[1]
    expect(agents.autoFilter).toBe('A1:H1')
    expect(workbook.worksheets[2].autoFilter).toBe('A1:C1')
    // a CJK character counts two: the long remark column is much wider than the Latin name column would be
    expect(agents.getColumn(8).width).toBe(60)
    expect(agents.getColumn(1).width).toBe(textWidth('王晓燕') + 2)
    // the numbers as Excel shows them decide the width: ¥123,456.78 is 11 characters
    expect(agents.getColumn(5).width).toBe(Math.max(textWidth('定金金额'), '¥123,456.78'.length) + 2)
  })

  it('formats the generated-at time in the time zone it is given, Shanghai by default', async () => {
    const generated = async (timeZone?: string) => (await reopen(await reportWorkbook({ ...REPORT, sections: [] }, undefined, timeZone))).worksheets[0].getCell(6, 2).value
    expect(await generated()).toBe('2026-12-01 00:05')
    expect(await generated('UTC')).toBe('2026-11-30 16:05')
  })

  it('gives an empty report its information sheet only', async () => {
    const progress: [number, number][] = []
    const workbook = await reopen(await reportWorkbook({ ...REPORT, sections: [] }, (d, t) => progress.push([d, t])))
    expect(workbook.worksheets.map((s) => s.name)).toEqual([INFO_SHEET_NAME])
    expect(progress).toEqual([[1, 1]])
  })
})

describe('sheet names', () => {
  it('follows Excel: no []:*?/\\, at most 31 characters, no quote at either end, never empty or History', () => {
    expect(cleanSheetName('a[b]c:d*e?f/g\\h')).toBe('a_b_c_d_e_f_g_h')
    expect(cleanSheetName("'引号'")).toBe('引号')
    expect(cleanSheetName('   ')).toBe('报表')
    expect(cleanSheetName('History')).toBe('History_')
    expect(cleanSheetName('x'.repeat(40))).toHaveLength(31)
    // a character outside the BMP is two units and is never cut in half
    expect(cleanSheetName('𠀀'.repeat(20))).toBe('𠀀'.repeat(15))
  })

  it('numbers repeated titles, ignoring case, and keeps the numbered ones within 31 characters', () => {
    const names = new SheetNames()
    const long = '设计师业绩排名（按签单额从高到低排序，含已退单的项目与在建项目）'
    expect([names.claim('Sheet'), names.claim('sheet'), names.claim('SHEET'), names.claim(long), names.claim(long), names.claim(INFO_SHEET_NAME), names.claim(INFO_SHEET_NAME)]).toEqual([
      'Sheet',
      'sheet (2)',
      'SHEET (3)',
      long.slice(0, 31),
      `${long.slice(0, 27)} (2)`,
      INFO_SHEET_NAME,
      `${INFO_SHEET_NAME} (2)`,
    ])
  })

  it('counts a CJK character as two columns', () => {
    expect(textWidth('abc')).toBe(3)
    expect(textWidth('客服')).toBe(4)
    expect(textWidth('¥1,000（含税）')).toBe(6 + 8)
  })
})
