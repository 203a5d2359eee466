import ExcelJS from 'exceljs';

export type RosterRow = Record<string, string | number | Date | undefined>;

export const HEADERS = [
  '姓名',
  '性别',
  '出生年月',
  '学历',
  '手机号码',
  '外出时间',
  '流入地',
  '流出地支部',
  '流入地支部',
  '活动证',
  '状态',
];

/** An .xlsx roster as a secretary would type it (optionally with a title row above the header). */
export async function rosterXlsx(rows: RosterRow[], headers = HEADERS, opts: { title?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  if (opts.title) ws.addRow([opts.title]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function rosterCsv(rows: RosterRow[], headers = HEADERS): string {
  const cell = (v: unknown) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n');
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅';
const CITIES = ['广东广州', '广东佛山', '广东深圳', '湖南长沙', '上海', '浙江杭州', '福建厦门'];

/** `n` distinct valid members for a branch (names are unique by construction). */
export function manyRows(n: number, branch: string): RosterRow[] {
  return Array.from({ length: n }, (_, i) => ({
    姓名: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length]}`,
    性别: i % 3 === 0 ? '女' : '男',
    出生年月: `${1960 + (i % 40)}-${String((i % 12) + 1).padStart(2, '0')}`,
    学历: ['大学本科', '高中', '初中', '大专'][i % 4],
    手机号码: `138${String(i).padStart(8, '0')}`,
    外出时间: `20${String(15 + (i % 11)).padStart(2, '0')}-0${(i % 9) + 1}`,
    流入地: CITIES[i % CITIES.length],
    流出地支部: branch,
    活动证: i % 5 === 0 ? '无' : '有',
  }));
}
