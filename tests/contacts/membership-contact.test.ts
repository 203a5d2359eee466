import { membershipFindings } from '../../src/members/membership-rules';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const TZ = 'Asia/Shanghai';
const T0 = new Date('2026-09-01T02:00:00Z');
const weeks = (n: number) => new Date(T0.getTime() + n * 7 * 86_400_000);

/** The digest's rules read talks, visits and issued certificates, not only the member record. */
describe('membership rules use contacts and certificates', () => {
  let store: Store;
  let branch: number;
  beforeEach(async () => {
    store = sqliteStore(tempDir('zhibu-membership-'));
    branch = (await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0)).id;
  });
  afterEach(async () => {
    await store.close();
    cleanupTempDirs();
  });

  test('a talk counts as contact: a silent member talked to within the weeks is not 失联', async () => {
    const m = await store.members.create({ name: '张三', homeBranchId: branch }, T0);
    const silent = await membershipFindings(store, branch, weeks(6), TZ, 4);
    expect(silent.outOfContact.map((f) => f.member.id)).toEqual([m.id]);
    await store.contacts.record(
      { memberId: m.id, kind: 'talk', note: '电话谈心', media: [], recordedBy: 'sim:u_sec', sourceKey: 'k1' },
      weeks(5),
    );
    const found = await membershipFindings(store, branch, weeks(6), TZ, 4);
    expect(found.outOfContact).toEqual([]);
    const later = await membershipFindings(store, branch, weeks(10), TZ, 4);
    expect(later.outOfContact[0].lastContact).toBe(weeks(5).toISOString());
  });

  test('an issued, unexpired certificate counts as valid; an expired one does not', async () => {
    const m = await store.members.create(
      { name: '李四', homeBranchId: branch, departureMonth: '2026-08', destCity: '广州' },
      T0,
    );
    expect((await membershipFindings(store, branch, T0, TZ, 4)).certificate.map((x) => x.id)).toEqual([m.id]);
    await store.certificates.issue(
      {
        memberId: m.id,
        branchId: branch,
        issuedBy: 'sim:u_sec',
        validFrom: '2026-09-01',
        validUntil: '2026-10-31',
        sourceKey: 'c1',
      },
      T0,
    );
    expect((await membershipFindings(store, branch, T0, TZ, 4)).certificate).toEqual([]);
    const expired = await membershipFindings(store, branch, new Date('2026-11-01T02:00:00Z'), TZ, 4);
    expect(expired.certificate.map((x) => x.id)).toEqual([m.id]);
  });
});
