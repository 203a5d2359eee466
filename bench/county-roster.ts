import ExcelJS from 'exceljs';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅兰飞';
/** Where the seed county's members go (mostly Guangdong, then Shanghai, Changsha …). */
const PLACES = [
  '广东广州',
  '广东广州',
  '广东佛山',
  '广东佛山',
  '广东深圳',
  '广东东莞',
  '上海',
  '湖南长沙',
  '浙江杭州',
  '福建厦门',
  '江苏苏州',
  '湖北武汉',
];
const EDUCATION = ['初中', '初中', '高中', '中专', '大专', '大学本科', '研究生'];
export const HEADERS = [
  '姓名',
  '性别',
  '出生年月',
  '学历',
  '手机号码',
  '入党时间',
  '职业',
  '外出时间',
  '流入地',
  '流出地支部',
  '流入地支部',
  '活动证',
  '状态',
];

export type RosterRow = Record<string, string>;

/** `n` members of a county roster, spread over the given home and host branches (names unique by construction). */
export function countyRows(n: number, homes: string[], hosts: string[]): RosterRow[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length]}`;
    return {
      姓名: name,
      性别: i % 3 === 0 ? '女' : '男',
      出生年月: `${1958 + (i % 45)}-${String((i % 12) + 1).padStart(2, '0')}`,
      学历: EDUCATION[i % EDUCATION.length],
      手机号码: `13${String(i).padStart(9, '0')}`,
      入党时间: `${2000 + (i % 25)}-07`,
      职业: ['电工', '焊工', '司机', '个体经营', '厨师'][i % 5],
      外出时间: `${2015 + (i % 11)}-${String((i % 12) + 1).padStart(2, '0')}`,
      流入地: PLACES[i % PLACES.length],
      流出地支部: homes[i % homes.length],
      流入地支部: i % 4 === 0 ? hosts[i % hosts.length] : '',
      活动证: i % 6 === 0 ? '无' : '有',
      状态: i % 50 === 0 ? '失联' : i % 40 === 0 ? '已转出' : '正常',
    };
  });
}

export async function rosterFile(rows: RosterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] || undefined));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
