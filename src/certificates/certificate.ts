/**
 * 流动党员证明: what a home branch issues to a member away for less than the transfer limit, so the host branch
 * lets them join its organizational life. Dates are local calendar dates (`YYYY-MM-DD`).
 */
export interface Certificate {
  id: number;
  memberId: number;
  /** The issuing branch (开具支部). */
  branchId: number;
  /** Identity key of the secretary who issued it. */
  issuedBy: string;
  validFrom: string;
  validUntil: string;
  /** 外出地点 and 外出时间 as the member record had them when issued. */
  destination?: string;
  departureMonth?: string;
  sourceKey: string;
  createdAt: string;
}

export type CertificateIssue = Omit<Certificate, 'id' | 'createdAt'>;

/** Default validity of a certificate, in months. */
export const CERTIFICATE_MONTHS = 6;

/** 证明编号: the year it was issued and its id, e.g. `LD2026-00012`; stable because both never change. */
export function certificateNumber(c: Pick<Certificate, 'id' | 'validFrom'>): string {
  return `LD${c.validFrom.slice(0, 4)}-${String(c.id).padStart(5, '0')}`;
}

/** Valid on `today` (`YYYY-MM-DD`, local): from its first to its last day, both included. */
export function isValidOn(c: Pick<Certificate, 'validFrom' | 'validUntil'>, today: string): boolean {
  return c.validFrom <= today && today <= c.validUntil;
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's last day (08-31 + 6 → 02-28), minus one day. */
export function validUntilFor(validFrom: string, months: number): string {
  const [y, m, d] = validFrom.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last) - 1);
  return target.toISOString().slice(0, 10);
}

/** The day a month before the last valid day (clamped to the month's end): when the secretary is reminded. */
export function reminderDate(validUntil: string): string {
  const [y, m, d] = validUntil.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 2, Math.min(d, last))).toISOString().slice(0, 10);
}
