import { memberFlags, monthsAway } from '../../src/members/member-flags';
import { ageBand, memberStats } from '../../src/reports/member-stats';
import type { Branch, Member } from '../../src/model';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const TZ = 'Asia/Shanghai';
const branches: Branch[] = [
  { id: 1, name: '青山村党支部', kind: 'home', createdAt: '' },
  { id: 2, name: '广州流动党支部', kind: 'host', createdAt: '' },
];
let seq = 0;
const member = (f: Partial<Member>): Member => ({
  id: ++seq,
  name: `党员${seq}`,
  certificateStatus: 'none',
  status: 'active',
  createdAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '',
  ...f,
});

describe('member flags and overview figures', () => {
  test('an issued certificate and a recorded talk count, as in the weekly digest', () => {
    const away = member({ departureMonth: '2026-09', lastSeenAt: '2026-10-01T00:00:00.000Z' });
    expect(memberFlags(away, NOW, TZ)).toEqual(['noCertificate', 'outOfContact']);
    const signs = { certified: new Set([away.id]), lastTalk: new Map([[away.id, '2026-11-25T00:00:00.000Z']]) };
    expect(memberFlags(away, NOW, TZ, undefined, signs)).toEqual([]);
    const stale = { certified: new Set<number>(), lastTalk: new Map([[away.id, '2026-10-20T00:00:00.000Z']]) };
    expect(memberFlags(away, NOW, TZ, undefined, stale)).toEqual(['noCertificate', 'outOfContact']);
  });

  test('6-month rule as the weekly digest applies it: transfer due at a fixed place, else a certificate is needed', () => {
    const place = { destProvince: '广东', destCity: '广州' };
    expect(monthsAway(member({ departureMonth: '2026-06' }), NOW, TZ)).toBe(6);
    expect(memberFlags(member({ departureMonth: '2026-06', ...place }), NOW, TZ)).toEqual(['away6']);
    expect(memberFlags(member({ departureMonth: '2026-06' }), NOW, TZ)).toEqual(['away6', 'noCertificate']);
    expect(memberFlags(member({ departureMonth: '2026-07', ...place }), NOW, TZ)).toEqual(['noCertificate']);
    expect(memberFlags(member({ departureMonth: '2026-07', ...place, certificateStatus: 'valid' }), NOW, TZ)).toEqual(
      [],
    );
    expect(memberFlags(member({ departureMonth: '2026-07', ...place, certificateStatus: 'expired' }), NOW, TZ)).toEqual(
      ['noCertificate'],
    );
    expect(memberFlags(member({ departureMonth: '2020-01', status: 'transferred' }), NOW, TZ)).toEqual([]);
    expect(memberFlags(member({}), NOW, TZ)).toEqual([]);
  });

  test('out of contact: status 失联, or silent longer than OUT_OF_CONTACT_WEEKS (from registration if never heard from)', () => {
    expect(memberFlags(member({ status: 'lost' }), NOW, TZ)).toEqual(['outOfContact']);
    expect(memberFlags(member({ lastSeenAt: '2026-11-04T00:00:00.000Z' }), NOW, TZ)).toEqual([]);
    expect(memberFlags(member({ lastSeenAt: '2026-11-02T00:00:00.000Z' }), NOW, TZ)).toEqual(['outOfContact']);
    expect(memberFlags(member({ lastSeenAt: '2026-11-02T00:00:00.000Z' }), NOW, TZ, { outOfContactWeeks: 8 })).toEqual(
      [],
    );
    expect(memberFlags(member({ createdAt: '2026-10-01T00:00:00.000Z' }), NOW, TZ)).toEqual(['outOfContact']);
    expect(memberFlags(member({ status: 'transferred', createdAt: '2020-01-01T00:00:00.000Z' }), NOW, TZ)).toEqual([]);
  });

  test('age bands count whole years in the bot timezone', () => {
    expect(ageBand('1996-12', NOW, TZ)).toBe('30–39岁');
    expect(ageBand('1997-01', NOW, TZ)).toBe('30岁以下');
    expect(ageBand('1966-12', NOW, TZ)).toBe('60岁及以上');
    expect(ageBand(undefined, NOW, TZ)).toBe('未填写');
  });

  test('counts per chart, with fixed order and 未填写 last', () => {
    const members = [
      member({
        gender: '男',
        birthMonth: '1990-05',
        education: '本科',
        destProvince: '广东',
        destCity: '广州',
        homeBranchId: 1,
        hostBranchId: 2,
      }),
      member({
        gender: '女',
        birthMonth: '1975-01',
        education: '大学本科',
        destProvince: '广东',
        destCity: '佛山',
        homeBranchId: 1,
      }),
      member({
        gender: '男',
        education: '高中',
        destProvince: '湖南',
        destCity: '长沙',
        homeBranchId: 1,
        status: 'transferred',
      }),
      member({ hostBranchId: 2 }),
    ];
    const s = memberStats(members, branches, NOW, TZ);
    expect(s.total).toBe(4);
    expect(s.byStatus).toEqual([
      { name: '正常', value: 3 },
      { name: '已转出', value: 1 },
      { name: '失联', value: 0 },
    ]);
    expect(s.byGender).toEqual([
      { name: '男', value: 2 },
      { name: '女', value: 1 },
      { name: '未填写', value: 1 },
    ]);
    expect(s.byAge.map((c) => c.value)).toEqual([0, 1, 0, 1, 0, 2]);
    expect(s.byEducation.find((c) => c.name === '大学本科')?.value).toBe(2);
    expect(s.byProvince).toEqual([
      { name: '广东', value: 2 },
      { name: '湖南', value: 1 },
      { name: '未填写', value: 1 },
    ]);
    expect(s.registration).toEqual([
      { name: '双报（流出地+流入地）', value: 1 },
      { name: '仅流出地', value: 2 },
      { name: '仅流入地', value: 1 },
    ]);
    expect(s.byBranch).toEqual([
      { name: '青山村党支部', kind: 'home', value: 3 },
      { name: '广州流动党支部', kind: 'host', value: 2 },
    ]);
  });
});
