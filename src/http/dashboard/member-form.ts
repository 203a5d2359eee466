import { canSeeBranch, type AccessScope } from '../../access/access-scope';
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
} from '../../members/member-fields';
import type { Branch, Member, MemberFields } from '../../model';

export type FormErrors = Record<string, string>;

type Env = {
  now: Date;
  tz: string;
  branches: Map<number, Branch>;
  member: Pick<Member, 'homeBranchId' | 'hostBranchId'>;
};

/** Form field → how it is read. Blank fields are left as they are (the store has no "clear" for member fields). */
const READERS: Record<string, (v: string, env: Env, scope: AccessScope) => Partial<MemberFields>> = {
  name: (v) => ({ name: parseName(v) }),
  gender: (v) => ({ gender: parseGender(v) }),
  birthMonth: (v, env) => ({ birthMonth: parseMonthField(v, { ...env, kind: 'birth' }) }),
  education: (v) => ({ education: parseEducation(v) }),
  phone: (v) => ({ phone: parsePhone(v) }),
  joinedPartyMonth: (v, env) => ({ joinedPartyMonth: parseMonthField(v, { ...env, kind: 'past' }) }),
  occupation: (v) => ({ occupation: parseFreeText(v, 20) }),
  employer: (v) => ({ employer: parseFreeText(v, 40) }),
  departureMonth: (v, env) => ({ departureMonth: parseMonthField(v, { ...env, kind: 'past' }) }),
  destination: (v) => {
    const p = parseDestination(v);
    return { destProvince: p.province, destCity: p.city };
  },
  homeBranchId: (v, env, scope) => ({ homeBranchId: branchId(v, scope, env, 'home') }),
  hostBranchId: (v, env, scope) => ({ hostBranchId: branchId(v, scope, env, 'host') }),
  certificateStatus: (v) => ({ certificateStatus: parseCertificate(CERT_KEYS[v] ?? v) }),
  status: (v) => ({ status: parseStatus(STATUS_KEYS[v] ?? v) }),
  familyNote: (v) => ({ familyNote: parseFreeText(v, 200) }),
};

const CERT_KEYS: Record<string, string> = { none: '无', valid: '有', expired: '已过期' };
const STATUS_KEYS: Record<string, string> = { active: '正常', transferred: '已转出', lost: '失联' };

function branchId(v: string, scope: AccessScope, env: Env, kind: Branch['kind']): number {
  const current = kind === 'home' ? env.member.homeBranchId : env.member.hostBranchId;
  // Moving a member out of a branch is that branch's decision: the form locks the field, the server refuses it.
  if (current !== undefined && !canSeeBranch(scope, current))
    throw new FieldError('不能移出你不管理的支部（请联系该支部书记或管理员）');
  const id = Number(v);
  // The form only offers branches in scope and of the right kind; anything else is a tampered request.
  if (!Number.isInteger(id) || !canSeeBranch(scope, id)) throw new FieldError('只能选择你管理的支部');
  if (env.branches.get(id)?.kind !== kind)
    throw new FieldError(kind === 'home' ? '请选择流出地支部' : '请选择流入地支部');
  return id;
}

/**
 * Reads the edit form with the same parsers as the roster import; each bad field gets its own message. Only changed
 * fields are read, so a value recorded earlier in another form (e.g. typed in chat) never blocks saving.
 */
export function readMemberForm(
  body: Record<string, unknown>,
  current: Record<string, string>,
  scope: AccessScope,
  env: Env,
): { fields: Partial<MemberFields>; errors: FormErrors } {
  const fields: Partial<MemberFields> = {};
  const errors: FormErrors = {};
  for (const [key, read] of Object.entries(READERS)) {
    const raw = body[key];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) {
      if (key === 'name') errors.name = '必填';
      continue;
    }
    if (value === current[key]) continue;
    try {
      Object.assign(fields, read(value, env, scope));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      errors[key] = err.message;
    }
  }
  return { fields, errors };
}
