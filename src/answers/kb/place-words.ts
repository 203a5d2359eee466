/**
 * Provinces and the cities mobile members most often work in. Members name them all the time ("我在东莞打工…"),
 * but the KB is written for every place alike, so a place name says nothing about which entry answers a question —
 * left in, it only lowers the confidence of the right answer. Retrieval removes them before indexing.
 */
const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '内蒙古', '广西', '西藏', '宁夏', '新疆',
];
const CITIES = [
  '广州', '深圳', '佛山', '东莞', '中山', '珠海', '惠州', '江门', '肇庆', '汕头', '长沙', '株洲', '湘潭', '杭州', '宁波',
  '温州', '义乌', '嘉兴', '绍兴', '金华', '台州', '苏州', '南京', '无锡', '常州', '南通', '昆山', '厦门', '福州', '泉州',
  '晋江', '莆田', '武汉', '成都', '西安', '郑州', '合肥', '南昌', '青岛', '济南', '烟台', '昆明', '贵阳', '南宁', '柳州',
  '海口', '三亚', '天津', '石家庄', '太原', '沈阳', '大连', '长春', '哈尔滨', '兰州', '西宁', '银川', '乌鲁木齐', '呼和浩特', '拉萨',
];
const SUFFIX = '(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?';

export const PLACE_WORDS = new RegExp(`(?:${[...PROVINCES, ...CITIES].sort((a, b) => b.length - a.length).join('|')})${SUFFIX}`, 'g');
