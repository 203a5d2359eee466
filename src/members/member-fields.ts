import type { CertificateStatus, MemberStatus } from '../model';
import { parsePlace, type Place } from './places';
import { localParts, parseMonth } from '../time/zoned-time';

/**
 * Reading member fields typed by people (roster files, the dashboard's edit form): one parser per field, each
 * throwing a FieldError whose Chinese message says what the field should look like. Callers add row and column.
 */
export class FieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

export const STATUS_NAMES: Record<MemberStatus, string> = { active: '正常', transferred: '已转出', lost: '失联' };
export const CERTIFICATE_NAMES: Record<CertificateStatus, string> = { none: '无', valid: '有', expired: '已过期' };

const STATUS_WORDS: Record<string, MemberStatus> = {
  正常: 'active',
  在册: 'active',
  流动: 'active',
  流动中: 'active',
  已转出: 'transferred',
  转出: 'transferred',
  已转接: 'transferred',
  转接: 'transferred',
  失联: 'lost',
  失去联系: 'lost',
};
const CERTIFICATE_WORDS: Record<string, CertificateStatus> = {
  有: 'valid',
  有效: 'valid',
  已办: 'valid',
  已办理: 'valid',
  是: 'valid',
  无: 'none',
  没有: 'none',
  未办: 'none',
  未办理: 'none',
  否: 'none',
  过期: 'expired',
  已过期: 'expired',
  失效: 'expired',
};
const EDUCATION_WORDS: Record<string, string> = {
  博士: '研究生',
  硕士: '研究生',
  研究生: '研究生',
  本科: '大学本科',
  大学本科: '大学本科',
  大学: '大学本科',
  专科: '大学专科',
  大专: '大学专科',
  大学专科: '大学专科',
  中专: '中专',
  中技: '中专',
  职高: '中专',
  高中: '高中',
  初中: '初中',
  小学: '小学及以下',
  小学及以下: '小学及以下',
};
export const EDUCATION_LEVELS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学及以下'];

export function parseName(text: string): string {
  const name = text.replace(/\s+/g, '');
  if (!/^[\u4e00-\u9fa5·A-Za-z]{2,12}$/.test(name)) throw new FieldError('应为 2–12 个汉字或字母');
  return name;
}

export function parseGender(text: string): string {
  const g = text.trim();
  if (g !== '男' && g !== '女') throw new FieldError('填 男 或 女');
  return g;
}

/** `YYYY-MM` (also 1990/5, 1990.05, 1990年5月, or a full date) within the given years. */
export function parseMonthField(text: string, opts: { now: Date; tz: string; kind: 'birth' | 'past' }): string {
  const t = text.trim().replace(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/, '$1-$2');
  const month = parseMonth(t);
  if (!month) throw new FieldError('应为 年-月，例如 2020-03');
  const p = localParts(opts.now, opts.tz);
  const current = `${p.year}-${String(p.month).padStart(2, '0')}`;
  if (month > current) throw new FieldError(`不能晚于本月（${current}）`);
  if (opts.kind === 'birth' && (Number(month.slice(0, 4)) < p.year - 110 || Number(month.slice(0, 4)) > p.year - 16)) {
    throw new FieldError(`出生年份应在 ${p.year - 110}–${p.year - 16} 之间`);
  }
  return month;
}

export function parsePhone(text: string): string {
  const phone = text.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (!/^(1\d{10}|0\d{9,11})$/.test(phone))
    throw new FieldError('应为 11 位手机号或带区号的固定电话，例如 13800138000');
  return phone;
}

/** The standard level for common ways of writing it (本科 → 大学本科), or undefined. */
export function educationLevel(text: string): string | undefined {
  return EDUCATION_WORDS[text.trim().replace(/(毕业|学历|及以上)$/, '')];
}

export function parseEducation(text: string): string {
  const level = educationLevel(text);
  if (!level) throw new FieldError(`可填：${EDUCATION_LEVELS.join('、')}`);
  return level;
}

export function parseStatus(text: string): MemberStatus {
  const s = STATUS_WORDS[text.trim()];
  if (!s) throw new FieldError('可填：正常、已转出、失联');
  return s;
}

export function parseCertificate(text: string): CertificateStatus {
  const c = CERTIFICATE_WORDS[text.trim()];
  if (!c) throw new FieldError('可填：有、无、已过期');
  return c;
}

export function parseDestination(text: string): Place {
  const place = parsePlace(text);
  if (!place.city && !place.province) throw new FieldError('应为 省份城市，例如 广东广州');
  return place;
}

export function parseFreeText(text: string, max: number): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if ([...t].length > max) throw new FieldError(`最多 ${max} 个字`);
  return t;
}
