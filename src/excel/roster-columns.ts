import type { MemberFields } from '../model';
import {
  FieldError,
  parseCertificate,
  parseDestination,
  parseEducation,
  parseFreeText,
  parseGender,
  parseMonthField,
  parseName,
  parsePhone,
  parseStatus,
} from '../members/member-fields';

/** What one row of a roster says, before branches are looked up and the member is matched. */
export interface RosterDraft {
  id?: number;
  homeBranch?: string;
  hostBranch?: string;
  fields: Partial<MemberFields> & { name?: string };
}

export interface ParseEnv {
  now: Date;
  tz: string;
}

export interface RosterColumn {
  header: string;
  aliases: string[];
  required?: boolean;
  /** Kept as text in Excel (phone numbers, ids, months), so Excel neither drops zeros nor turns them into dates. */
  text?: boolean;
  width: number;
  example: string;
  rule: string;
  /** Excel drop-down choices for the template. */
  choices?: string[];
  apply(value: string, draft: RosterDraft, env: ParseEnv): void;
}

const month =
  (kind: 'birth' | 'past', key: 'birthMonth' | 'joinedPartyMonth' | 'departureMonth') =>
  (v: string, d: RosterDraft, env: ParseEnv) => {
    d.fields[key] = parseMonthField(v, { ...env, kind });
  };

/** The roster's columns, in template and export order. Headers are what secretaries already use. */
export const ROSTER_COLUMNS: RosterColumn[] = [
  {
    header: '编号',
    aliases: ['党员编号', 'ID'],
    text: true,
    width: 8,
    example: '',
    rule: '新党员留空；填写导出名单里的编号即更新该党员',
    apply(v, d) {
      if (!/^\d{1,9}$/.test(v)) throw new FieldError('应为导出名单里的数字编号，新党员请留空');
      d.id = Number(v);
    },
  },
  {
    header: '姓名',
    aliases: ['党员姓名'],
    required: true,
    width: 10,
    example: '张三',
    rule: '必填，2–12 个汉字或字母',
    apply(v, d) {
      d.fields.name = parseName(v);
    },
  },
  {
    header: '性别',
    aliases: [],
    width: 6,
    example: '男',
    rule: '男 或 女',
    choices: ['男', '女'],
    apply(v, d) {
      d.fields.gender = parseGender(v);
    },
  },
  {
    header: '出生年月',
    aliases: ['出生日期', '出生'],
    text: true,
    width: 10,
    example: '1990-05',
    rule: '年-月，例如 1990-05',
    apply: month('birth', 'birthMonth'),
  },
  {
    header: '学历',
    aliases: ['文化程度'],
    width: 10,
    example: '大学本科',
    rule: '研究生、大学本科、大学专科、中专、高中、初中、小学及以下',
    choices: ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学及以下'],
    apply(v, d) {
      d.fields.education = parseEducation(v);
    },
  },
  {
    header: '手机号码',
    aliases: ['手机', '手机号', '电话', '联系电话', '联系方式'],
    text: true,
    width: 14,
    example: '13800138000',
    rule: '11 位手机号或带区号的固定电话',
    apply(v, d) {
      d.fields.phone = parsePhone(v);
    },
  },
  {
    header: '入党时间',
    aliases: ['入党年月', '入党日期'],
    text: true,
    width: 10,
    example: '2012-07',
    rule: '年-月',
    apply: month('past', 'joinedPartyMonth'),
  },
  {
    header: '职业',
    aliases: ['从事职业', '工种'],
    width: 10,
    example: '电工',
    rule: '最多 20 字',
    apply(v, d) {
      d.fields.occupation = parseFreeText(v, 20);
    },
  },
  {
    header: '工作单位',
    aliases: ['单位', '务工单位'],
    width: 18,
    example: '广州某电子厂',
    rule: '最多 40 字',
    apply(v, d) {
      d.fields.employer = parseFreeText(v, 40);
    },
  },
  {
    header: '外出时间',
    aliases: ['外出年月', '外出日期'],
    text: true,
    width: 10,
    example: '2025-03',
    rule: '年-月，不晚于本月',
    apply: month('past', 'departureMonth'),
  },
  {
    header: '流入地',
    aliases: ['外出地点', '流入地点', '务工地'],
    width: 12,
    example: '广东广州',
    rule: '省份+城市，例如 广东广州、上海',
    apply(v, d) {
      const p = parseDestination(v);
      d.fields.destProvince = p.province;
      d.fields.destCity = p.city;
    },
  },
  {
    header: '流出地支部',
    aliases: ['所在支部', '户籍地支部'],
    width: 16,
    example: '青山村党支部',
    rule: '系统中已有的流出地（家乡）支部名称',
    apply(v, d) {
      d.homeBranch = v.trim();
    },
  },
  {
    header: '流入地支部',
    aliases: ['流动党支部'],
    width: 16,
    example: '广州流动党支部',
    rule: '系统中已有的流入地支部名称，可空',
    apply(v, d) {
      d.hostBranch = v.trim();
    },
  },
  {
    header: '活动证',
    aliases: ['流动党员活动证'],
    width: 8,
    example: '有',
    rule: '有、无、已过期',
    choices: ['有', '无', '已过期'],
    apply(v, d) {
      d.fields.certificateStatus = parseCertificate(v);
    },
  },
  {
    header: '状态',
    aliases: ['党员状态'],
    width: 8,
    example: '正常',
    rule: '正常、已转出、失联',
    choices: ['正常', '已转出', '失联'],
    apply(v, d) {
      d.fields.status = parseStatus(v);
    },
  },
  {
    header: '家庭情况',
    aliases: ['家庭成员', '备注'],
    width: 24,
    example: '',
    rule: '最多 200 字（只在后台显示）',
    apply(v, d) {
      d.fields.familyNote = parseFreeText(v, 200);
    },
  },
];

/** Columns the export adds for reading only; an import of an exported file passes over them without a warning. */
export const EXPORT_ONLY_HEADERS = ['外出月数', '最近联系', '提醒'];

export function columnFor(header: string): RosterColumn | undefined {
  return ROSTER_COLUMNS.find((c) => c.header === header || c.aliases.includes(header));
}
