import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { tableKit } from './table-kit'

/** The call agent's desk: the call log with its edits and telephony events, follow-ups, measuring appointments, reply templates, extensions. */
export class CallsAndTemplates1764201600003 implements MigrationInterface {
  name = 'CallsAndTemplates1764201600003'

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = tableKit(queryRunner)

    await queryRunner.addColumn('staff_account', k.column(k.text('extension', 20, true)))
    await queryRunner.createIndex('staff_account', new TableIndex({ name: 'IDX_staff_account_extension', columnNames: ['extension'] }))

    await queryRunner.createTable(
      new Table({
        name: 'call_log',
        columns: [
          k.id(),
          k.text('direction', 3),
          k.text('raw_number', 40),
          k.text('normalized', 20, true),
          // normalized number, else what was received, else '' (withheld): what missed calls group by
          k.text('number_key', 40),
          k.int('customer_id', true),
          k.int('agent_id', true),
          k.text('extension', 20, true),
          k.text('external_id', 64, true),
          k.text('source', 6),
          k.text('status', 10),
          k.time('started_at'),
          k.time('ringing_at', true),
          k.time('answered_at', true),
          k.time('ended_at', true),
          k.int('ring_sec', true),
          k.int('talk_sec', true),
          k.text('call_type', 10, true),
          k.longText('summary'),
          k.text('outcome', 200, true),
          k.text('follow_up_on', 10, true),
          k.longText('details'),
          k.int('follow_up_id', true),
          k.time('intake_saved_at', true),
          k.int('intake_saved_by', true),
          k.time('handled_at', true),
          k.int('handled_by', true),
          k.text('handled_note', 200, true),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        uniques: [{ columnNames: ['external_id'] }],
        indices: [
          { columnNames: ['started_at'] },
          { columnNames: ['customer_id', 'started_at'] },
          { columnNames: ['number_key', 'started_at'] },
          { columnNames: ['agent_id', 'started_at'] },
          { columnNames: ['status', 'handled_at', 'number_key'] },
        ],
        foreignKeys: [
          { columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
          { columnNames: ['agent_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'call_edit',
        columns: [k.id(), k.int('call_id'), k.int('edited_by'), k.time('edited_at'), k.longText('changes', false)],
        indices: [{ columnNames: ['call_id'] }],
        foreignKeys: [
          { columnNames: ['call_id'], referencedTableName: 'call_log', referencedColumnNames: ['id'] },
          { columnNames: ['edited_by'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    // One row per (call id, event kind): a replayed event hits the unique key and changes nothing.
    await queryRunner.createTable(
      new Table({
        name: 'call_event',
        columns: [
          k.id(),
          k.text('external_id', 64),
          k.text('event', 10),
          k.time('at'),
          k.time('received_at'),
          k.longText('payload', false),
        ],
        uniques: [{ columnNames: ['external_id', 'event'] }],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'follow_up',
        columns: [
          k.id(),
          k.int('source_call_id'),
          k.int('customer_id', true),
          k.text('number_key', 40),
          k.int('agent_id'),
          k.text('due_on', 10),
          k.text('note', 200, true),
          k.text('status', 10),
          k.time('done_at', true),
          k.int('done_call_id', true),
          k.stamp('created_at'),
          k.stamp('updated_at'),
        ],
        indices: [{ columnNames: ['agent_id', 'status', 'due_on'] }, { columnNames: ['status', 'due_on'] }, { columnNames: ['customer_id', 'status'] }, { columnNames: ['number_key', 'status'] }, { columnNames: ['source_call_id'] }],
        foreignKeys: [
          { columnNames: ['source_call_id'], referencedTableName: 'call_log', referencedColumnNames: ['id'] },
          { columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
          { columnNames: ['agent_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'measure_appointment',
        columns: [
          k.id(),
          k.int('customer_id'),
          k.int('call_id', true),
          k.int('designer_id'),
          k.time('scheduled_at'),
          k.text('address', 120, true),
          k.text('status', 10),
          k.int('created_by'),
          k.stamp('created_at'),
          k.stamp('updated_at'),
        ],
        uniques: [{ columnNames: ['call_id'] }],
        indices: [{ columnNames: ['customer_id', 'scheduled_at'] }, { columnNames: ['designer_id', 'scheduled_at'] }, { columnNames: ['scheduled_at'] }],
        foreignKeys: [
          { columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['call_id'], referencedTableName: 'call_log', referencedColumnNames: ['id'] },
          { columnNames: ['designer_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
        ],
      }),
    )

    await queryRunner.createTable(
      new Table({
        name: 'reply_template',
        columns: [
          k.id(),
          k.text('category', 30),
          k.text('title', 60),
          k.longText('body', false),
          k.text('keywords', 500),
          k.int('sort_order', false, 0),
          k.bool('active', true),
          k.int('updated_by', true),
          k.stamp('created_at'),
          k.stamp('updated_at'),
          k.int('version', false, 1),
        ],
        indices: [{ columnNames: ['active', 'category', 'sort_order'] }],
      }),
    )
    const insert = 'INSERT INTO reply_template (category, title, body, keywords, sort_order, active) VALUES (:category, :title, :body, :keywords, :sortOrder, :active)'
    for (const [index, [category, title, keywords, body]] of DEFAULT_REPLY_TEMPLATES.entries()) {
      const values = { category, title, body, keywords: JSON.stringify(keywords), sortOrder: index * 10, active: true }
      const [sql, params] = queryRunner.connection.driver.escapeQueryWithParameters(insert, values, {})
      await queryRunner.query(sql, params)
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['reply_template', 'measure_appointment', 'follow_up', 'call_event', 'call_edit', 'call_log']) await queryRunner.dropTable(table)
    await queryRunner.dropIndex('staff_account', 'IDX_staff_account_extension')
    await queryRunner.dropColumn('staff_account', 'extension')
  }
}

/** What a renovation company's agents say every day; managers edit them afterwards. [category, title, keywords, text] */
const DEFAULT_REPLY_TEMPLATES: [string, string, string[], string][] = [
  ['报价', '报价方式', ['报价', '多少钱', '价格', '预算'], '您好，我们的报价是在设计师上门免费量房、和您确认设计方案后，按实际工程量逐项列出的明细报价：人工、辅材、主材分开列明，签约后除您提出的变更外不再增项。您方便告诉我房子的小区和面积吗？我先帮您预约量房。'],
  ['报价', '半包与全包的区别', ['半包', '全包', '整装', '清包'], '半包是我们负责施工和辅材（水电管线、水泥沙子、板材等），主材（瓷砖、地板、洁具、橱柜等）由您自己选购；全包是主材也由我们统一采购、统一质保。两种方式都可以，设计师量房时会按您的预算给出对比方案。'],
  ['工期', '施工工期', ['工期', '多久', '多长时间', '几个月'], '一般两室约 60–75 天、三室约 75–90 天，具体以合同约定的工期为准。开工前项目经理会给您一份施工进度计划，每个节点（材料进场、中期验收、竣工验收）我们客服都会回访您。'],
  ['保修', '保修政策', ['保修', '质保', '维修', '坏了'], '工程竣工验收后，整体工程保修 2 年，防水工程保修 5 年。保修期内因施工质量出现的问题免费维修，您只要打我们客服电话报修，我们登记后会尽快安排维修师傅上门。'],
  ['保修', '报修受理', ['报修', '漏水', '开裂', '上门'], '非常抱歉给您添麻烦了。我这边先登记您的报修：请告诉我具体是哪个位置、什么情况，方便的话可以拍照发给我们。登记后维修师傅会在 24 小时内和您联系约定上门时间。'],
  ['量房', '量房流程', ['量房', '上门', '测量', '免费'], '量房是免费的。我们先和您约好时间，设计师带着工具上门测量房屋尺寸、了解您的需求和预算，大约需要 1 小时；之后 3–5 个工作日内出平面方案和初步报价，再约您到店沟通。'],
  ['量房', '预约到店', ['到店', '地址', '展厅', '营业时间'], '欢迎您到店参观，我们展厅每天 9:00–18:00 营业，有样板间和材料展示。您来之前告诉我大概时间，我安排设计师提前准备，到店后前台会直接带您过去。'],
  ['付款', '付款方式', ['付款', '首付', '分期', '定金'], '签约后按工程进度分期付款：开工前付首期款，中期验收合格后付中期款，竣工验收合格后付尾款，比例以合同为准。每一期都在您验收确认之后才付，可以转账或刷卡，公司会开具正式收据。'],
  ['付款', '定金说明', ['定金', '退', '交定金'], '交定金后我们会为您锁定设计师档期和当期优惠，设计师会出完整的设计方案和报价。定金在签约时全额抵扣工程款，具体的退还约定以定金协议为准。'],
  ['材料', '主材品牌', ['品牌', '材料', '环保', '瓷砖', '地板'], '我们合作的都是正规品牌，瓷砖、地板、洁具、橱柜、涂料都有多个品牌和档次可选，所有材料进场时会请您到现场验收，品牌型号与合同一致。环保方面，板材和涂料均达到国家环保标准，竣工后可以做室内空气检测。'],
  ['投诉', '投诉受理流程', ['投诉', '不满意', '问题', '处理'], '非常抱歉给您带来不好的体验。我已经完整记录了您反映的问题，会马上转给责任部门负责人，24 小时内会有人与您联系处理方案，处理完成后我们客服还会回访您，确认您对结果是否满意。'],
  ['投诉', '安抚与承诺时限', ['着急', '生气', '一直没人管'], '我非常理解您的心情，这件事确实是我们做得不够好。我现在就把您的情况标为加急，负责人会在今天之内给您回电话；如果到时还没有人联系您，请直接打这个电话找我，我会继续跟进到底。'],
  ['售后', '回访说明', ['回访', '打电话', '满意度'], '您好，我是公司客服，今天打电话是想了解一下您家的施工情况：工人师傅的施工质量、现场整洁、工期进度和服务态度您都还满意吗？有任何问题都可以直接告诉我。'],
  ['其他', '设计费', ['设计费', '收费', '效果图'], '签约装修的客户，设计费按合同约定可以减免；只做设计不施工也可以，设计师会根据面积和方案深度报设计费。量房和初步方案沟通都是免费的。'],
]
