/**
 * Splits a destination such as "广东广州", "广东省广州市" or "广州" into province and city. Cities that mobile
 * members most often go to are known by name alone; anything else is kept as the city text.
 */
const PROVINCES = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
];
const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆']);

const CITY_PROVINCE: Record<string, string> = {
  广州: '广东',
  深圳: '广东',
  佛山: '广东',
  东莞: '广东',
  中山: '广东',
  珠海: '广东',
  惠州: '广东',
  江门: '广东',
  长沙: '湖南',
  株洲: '湖南',
  湘潭: '湖南',
  杭州: '浙江',
  宁波: '浙江',
  温州: '浙江',
  义乌: '浙江',
  苏州: '江苏',
  南京: '江苏',
  无锡: '江苏',
  厦门: '福建',
  福州: '福建',
  泉州: '福建',
  武汉: '湖北',
  成都: '四川',
  西安: '陕西',
  郑州: '河南',
  合肥: '安徽',
  南昌: '江西',
  青岛: '山东',
  济南: '山东',
  昆明: '云南',
  贵阳: '贵州',
  南宁: '广西',
  海口: '海南',
  三亚: '海南',
};

export interface Place {
  province?: string;
  city?: string;
}

function stripSuffix(text: string, suffixes: string[]): string {
  for (const s of suffixes) if (text.endsWith(s) && text.length > s.length) return text.slice(0, -s.length);
  return text;
}

export function parsePlace(input: string): Place {
  let text = input.trim().replace(/\s+/g, '');
  if (!text) return {};
  const province = PROVINCES.find((p) => text.startsWith(p));
  if (province) {
    text = text.slice(province.length).replace(/^(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)/, '');
    if (MUNICIPALITIES.has(province)) return { province, city: province };
    const city = stripSuffix(text, ['市', '地区']);
    return { province, city: city || undefined };
  }
  const city = stripSuffix(text, ['市']);
  return { province: CITY_PROVINCE[city], city };
}

export function formatPlace(p: Place): string {
  if (!p.province) return p.city ?? '';
  if (!p.city || p.city === p.province) return p.province;
  return `${p.province}${p.city}`;
}
