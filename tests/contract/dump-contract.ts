import { DUMP_COLLECTIONS, canonical, checksumOf, type DumpRecord, type StoreDump } from '../../src/store/dump';
import type { Task } from '../../src/model';
import type { Store } from '../../src/store/store';
import { at } from './contract-types';

export type DumpFactory = () => Promise<{ store: Store; dump: StoreDump }>;

const SHA = 'c'.repeat(64);
const ts = (m: number) => at(m).toISOString();

/** Records as another store would export them: ids with gaps, optional fields absent, nested JSON values. */
const fixture: Record<string, DumpRecord[]> = {
  branches: [
    { id: 3, name: '青山村党支部', kind: 'home', township: '青山镇党委', createdAt: ts(0) },
    { id: 7, name: '广州流动党支部', kind: 'host', createdAt: ts(0) },
  ],
  members: [
    {
      id: 12,
      name: '张三',
      phone: '13800138000',
      certificateStatus: 'valid',
      status: 'active',
      homeBranchId: 3,
      hostBranchId: 7,
      createdAt: ts(1),
      updatedAt: ts(2),
    },
  ],
  identities: [
    { platform: 'wecom', userId: 'zhangsan', memberId: 12, displayName: '张三' },
    { platform: 'sim', userId: 'u_a', memberId: 12 },
  ],
  chats: [
    {
      platform: 'sim',
      chatId: 'g1',
      chatType: 'group',
      title: '一群',
      branchId: 3,
      push: { webhookKey: 'k1' },
      createdAt: ts(0),
    },
  ],
  roleGrants: [
    { id: 2, role: 'admin', memberId: 12, grantedBy: 'config', createdAt: ts(0) },
    { id: 5, role: 'secretary', memberId: 12, branchId: 3, grantedBy: 'sim:u_admin', createdAt: ts(0) },
  ],
  checkIns: [{ id: 4, memberId: 12, branchId: 3, identity: 'sim:u_a', createdAt: ts(1) }],
  tasks: [
    {
      id: 9,
      branchId: 3,
      title: '学习党章',
      content: '读原文',
      deadline: ts(600),
      points: 10,
      proofKinds: ['image', 'text'],
      minChars: 20,
      lateRule: 'half',
      createdBy: 'sim:u_sec',
      createdAt: ts(3),
      screenshotProof: true,
      proofKeywords: ['党章'],
    },
  ],
  submissions: [
    {
      id: 31,
      taskId: 9,
      memberId: 12,
      note: '心得',
      links: ['https://x.cn'],
      media: [
        { sha256: SHA, kind: 'image' },
        { sha256: SHA, kind: 'file', name: 'a.pdf' },
      ],
      late: false,
      status: 'accepted',
      sourceKey: 'sim:m1',
      createdAt: ts(4),
      updatedAt: ts(4),
    },
  ],
  ledger: [
    {
      id: 40,
      memberId: 12,
      delta: 10,
      reason: '完成任务 #9',
      kind: 'task',
      taskId: 9,
      submissionId: 31,
      actor: 'system',
      idemKey: 'task:9:12',
      createdAt: ts(4),
    },
  ],
  inbox: [
    {
      key: 'sim:m1',
      message: {
        platform: 'sim',
        msgId: 'm1',
        chatId: 'g1',
        chatType: 'group',
        userId: 'u_a',
        text: '#9',
        media: [],
        receivedAt: ts(4),
      },
      status: 'done',
      receivedAt: ts(4),
      processedAt: ts(4),
    },
    {
      key: 'sim:m2',
      message: {
        platform: 'sim',
        msgId: 'm2',
        chatId: 'g1',
        chatType: 'group',
        userId: 'u_a',
        text: '积分',
        media: [],
        receivedAt: ts(5),
      },
      status: 'received',
      receivedAt: ts(5),
    },
  ],
  outbox: [
    {
      id: 50,
      target: { platform: 'sim', chatId: 'g1', chatType: 'group' },
      text: '@张三 已收到',
      mentions: ['u_a'],
      replyHint: { frame: 'f1' },
      idemKey: 'reply:sim:m1:0',
      status: 'sent',
      attempts: 1,
      nextAttemptAt: ts(4),
      claimedBy: 'host:1',
      createdAt: ts(4),
      sentAt: ts(4),
    },
    {
      id: 51,
      target: { platform: 'wecom', chatId: 'wr1', chatType: 'group' },
      text: '提醒',
      status: 'failed',
      attempts: 8,
      nextAttemptAt: ts(9),
      lastError: 'gave up',
      createdAt: ts(5),
    },
  ],
  chatLog: [
    { id: 60, platform: 'sim', chatId: 'g1', from: 'u_a', text: '#9', at: ts(4) },
    { id: 61, platform: 'sim', chatId: 'g1', from: 'bot', text: '@张三 已收到', mentions: ['u_a'], at: ts(4) },
  ],
  audit: [
    { id: 70, actor: 'sim:u_admin', action: 'chat.bind', subject: 'sim:g1', detail: { branchId: 3 }, createdAt: ts(0) },
  ],
  pendingMedia: [{ key: 'sim:g1:u_b', media: [{ sha256: SHA, kind: 'image' }], expiresAt: ts(30) }],
  counters: [{ key: 'dingtalk:app:push:2026-12', value: 42, updatedAt: ts(5) }],
  taskBank: [
    {
      id: 8,
      branchId: 3,
      title: '学习条例',
      content: '读条例',
      points: 5,
      proofKinds: ['text'],
      minChars: 10,
      lateRule: 'none',
      durationDays: 7,
      createdBy: 'sim:u_sec',
      createdAt: ts(1),
      slotKey: '2026-12-07',
      reservedAt: ts(2),
      taskId: 9,
    },
    {
      id: 11,
      branchId: 3,
      title: '学习讲话',
      content: '读讲话',
      points: 5,
      proofKinds: ['text', 'image'],
      minChars: 10,
      lateRule: 'full',
      durationDays: 7,
      createdBy: 'sim:u_sec',
      createdAt: ts(1),
    },
  ],
  pushSchedules: [{ branchId: 3, weekday: 1, time: '09:00', updatedBy: 'sim:u_sec', updatedAt: ts(1) }],
  jobRuns: [
    {
      job: 'weekly-push',
      fireAt: ts(0),
      status: 'done',
      trigger: 'cron',
      owner: 'host:1',
      attempts: 1,
      startedAt: ts(0),
      finishedAt: ts(1),
      summary: '推送 1 条',
      sent: 1,
    },
  ],
  jobMarks: [{ key: 'push:3:2026-12-07', job: 'weekly-push', at: ts(1) }],
  helpCases: [
    {
      id: 14,
      memberId: 12,
      category: 'medical',
      content: '住院报销',
      status: 'replied',
      homeBranchId: 3,
      hostBranchId: 7,
      assigneeId: 12,
      platform: 'sim',
      sourceKey: 'sim:m9',
      firstReplyAt: ts(9),
      createdAt: ts(8),
      updatedAt: ts(9),
    },
  ],
  helpCaseEvents: [
    { id: 15, caseId: 14, kind: 'open', actor: 'sim:u_a', text: '住院报销', idemKey: 'sim:m9#open', createdAt: ts(8) },
  ],
  pendingCheckIns: [
    {
      id: 16,
      platform: 'dingtalk',
      userId: 'staff_x',
      displayName: '张三',
      chatId: 'cid1',
      chatType: 'group',
      branchId: 3,
      name: '张三',
      text: '张三 广东广州',
      fields: { destProvince: '广东', destCity: '广州' },
      candidateIds: [12],
      status: 'confirmed',
      memberId: 12,
      decidedBy: 'sim:u_sec',
      decisionKey: 'sim:m11',
      sourceKey: 'dingtalk:m10',
      createdAt: ts(10),
      decidedAt: ts(11),
    },
  ],
  meetings: [
    {
      id: 6,
      branchId: 3,
      title: '学习全会精神',
      type: 'general',
      startsAt: ts(600),
      endsAt: ts(720),
      place: '村委会会议室',
      signInLeadMinutes: 30,
      points: 5,
      photoRequired: true,
      createdBy: 'sim:u_sec',
      sourceKey: 'sim:m12',
      createdAt: ts(12),
    },
  ],
  meetingAttendance: [
    {
      id: 8,
      meetingId: 6,
      memberId: 12,
      status: 'present',
      photo: SHA,
      identity: 'sim:u_a',
      sourceKey: 'sim:m13',
      createdAt: ts(590),
      updatedAt: ts(590),
    },
  ],
  contacts: [
    {
      id: 17,
      memberId: 12,
      kind: 'talk',
      note: '谈心：工作稳定',
      media: [{ sha256: SHA, kind: 'image' }],
      recordedBy: 'sim:u_sec',
      sourceKey: 'sim:m12',
      createdAt: ts(12),
    },
  ],
  homecomings: [
    {
      id: 18,
      memberId: 12,
      branchId: 3,
      season: '2026-2027',
      text: '',
      sourceKey: 'sim:m13',
      createdAt: ts(13),
      updatedAt: ts(13),
    },
  ],
  certificates: [
    {
      id: 19,
      memberId: 12,
      branchId: 3,
      issuedBy: 'sim:u_sec',
      validFrom: '2026-12-01',
      validUntil: '2027-05-31',
      departureMonth: '2026-10',
      sourceKey: 'sim:m14',
      createdAt: ts(14),
    },
  ],
  opinions: [
    {
      id: 17,
      kind: 'suggestion',
      category: 'branch-work',
      content: '学习改到晚上',
      anonymous: true,
      branchId: 3,
      branchSide: 'home',
      status: 'closed',
      result: '已改到周六晚上',
      disputes: 1,
      disputeReason: '太早',
      closedAt: ts(14),
      digestedAt: ts(13),
      platform: 'sim',
      sourceKey: 'anon:0123456789abcdef0123456789abcdef',
      createdAt: ts(12),
      updatedAt: ts(14),
    },
  ],
  opinionSenders: [{ opinionId: 17, memberId: 12, platform: 'sim' }],
  opinionEvents: [
    {
      id: 18,
      opinionId: 17,
      kind: 'open',
      actor: 'anonymous',
      text: '学习改到晚上',
      idemKey: 'anon:01#open',
      createdAt: ts(12),
    },
  ],
  proofChecks: [
    {
      submissionId: 31,
      sourceKey: 'sim:m5',
      status: 'done',
      doubts: [
        { code: 'repeated-phrase', reason: '心得大部分是同一句话的重复', detail: { phrase: '认真学习', times: 13 } },
      ],
      facts: { takenAt: '2026-11-02 14:30' },
      createdAt: ts(5),
      finishedAt: ts(6),
    },
  ],
  serviceItems: [
    {
      id: 17,
      kind: 'activity',
      branchId: 3,
      title: '社区清扫',
      content: '社区清扫\n时间：周六上午\n名额：3\n分值：5',
      places: 3,
      points: 5,
      time: '周六上午',
      createdBy: 'sim:u_sec',
      createdAt: ts(12),
      sourceKey: 'sim:m12',
    },
  ],
  serviceClaims: [
    {
      id: 18,
      itemId: 17,
      memberId: 12,
      status: 'completed',
      slot: 1,
      note: '已完成',
      media: [{ sha256: SHA, kind: 'image' }],
      claimedAt: ts(13),
      completedAt: ts(14),
      sourceKey: 'sim:m13',
    },
  ],
  reviews: [
    {
      id: 21,
      name: '2026年度群众满意度测评',
      branchIds: [3, 7],
      closesAt: ts(700),
      createdBy: 'sim:u_admin',
      createdAt: ts(15),
      sourceKey: 'sim:m15',
      questions: [
        { kind: 'choice', title: '学习方便参加吗？', options: ['方便', '不方便'] },
        { kind: 'text', title: '对学习安排的建议' },
      ],
    },
  ],
  reviewVoters: [{ key: 'R21', voters: [12, 13] }],
  reviewCounts: [
    {
      key: 'R21:B3',
      reviewId: 21,
      branchId: 3,
      counts: { answers: 2, know_yes: 1, know_no: 1, overall_very: 1, overall_basic: 1, q0_0: 2 },
      comments: [
        { k: '0a', text: '希望多组织线上学习' },
        { k: 'f1', text: '医保报销希望更快' },
      ],
    },
  ],
  imageHashes: [
    {
      id: 22,
      hash: '0123456789abcdef',
      sha256: SHA,
      submissionId: 31,
      memberId: 12,
      taskId: 9,
      createdAt: ts(4),
    },
  ],
};

const sorted = (records: DumpRecord[]) => records.map((r) => JSON.stringify(canonical(r))).sort();

/** What `zhibu migrate` relies on from an adapter's dump: lossless, id-preserving, idempotent imports. */
export function dumpContract(make: DumpFactory): void {
  let store: Store;
  let dump: StoreDump;
  const readAll = async (collection: string) => {
    const out: DumpRecord[] = [];
    for await (const batch of dump.read(collection, 2)) out.push(...batch);
    return out;
  };
  const importFixture = async () => {
    for (const collection of dump.collections)
      if (fixture[collection]) await dump.write(collection, fixture[collection]);
    await dump.finish();
  };
  beforeEach(async () => ({ store, dump } = await make()));
  afterEach(async () => {
    await store.close();
  });

  test('every collection is dumped, referenced records first', () => {
    expect(dump.collections).toEqual([...DUMP_COLLECTIONS]);
    expect(Object.keys(fixture)).toEqual([...DUMP_COLLECTIONS]);
  });

  test('imported records read back exactly, ids and all', async () => {
    await importFixture();
    for (const [collection, records] of Object.entries(fixture)) {
      expect([collection, sorted(await readAll(collection))]).toEqual([collection, sorted(records)]);
      expect(await dump.count(collection)).toBe(records.length);
    }
  });

  test('the repos see imported records as their own', async () => {
    await importFixture();
    expect(await store.members.get(12)).toMatchObject({ name: '张三', homeBranchId: 3 });
    expect((await store.identities.find('wecom', 'zhangsan'))?.memberId).toBe(12);
    expect(await store.meetings.get(6)).toMatchObject({ type: 'general', photoRequired: true });
    expect((await store.meetings.listAttendance({ meetingIds: [6] })).map((a) => [a.id, a.status])).toEqual([
      [8, 'present'],
    ]);
    expect(await store.opinions.get(17)).toMatchObject({ anonymous: true, status: 'closed', disputes: 1 });
    expect((await store.opinions.senderOf(17))?.memberId).toBe(12);
    expect((await store.chats.get('sim', 'g1'))?.push).toEqual({ webhookKey: 'k1' });
    expect((await store.roles.listByMember(12)).map((g) => [g.role, g.branchId])).toEqual([
      ['admin', null],
      ['secretary', 3],
    ]);
    expect((await store.submissions.findByMediaHash(SHA)).map((s) => [s.id, s.late, s.media.length])).toEqual([
      [31, false, 2],
    ]);
    expect((await store.ledger.totals([12])).get(12)).toBe(10);
    expect((await store.inbox.listUnprocessed(10)).map((r) => r.key)).toEqual(['sim:m2']);
    expect(await store.outbox.get(50)).toMatchObject({ status: 'sent', mentions: ['u_a'], replyHint: { frame: 'f1' } });
    expect((await store.chatLog.list('sim', 'g1')).map((e) => e.id)).toEqual([60, 61]);
    expect(await store.pending.take('sim:g1:u_b', at(1))).toEqual([{ sha256: SHA, kind: 'image' }]);
    expect(await store.counters.add('dingtalk:app:push:2026-12', 1, at(1))).toBe(43);
    expect((await store.jobs.bank.reserve(3, '2026-12-07', at(20)))?.id).toBe(8);
    expect((await store.jobs.bank.reserve(3, '2026-12-14', at(20)))?.id).toBe(11);
    expect((await store.jobs.runs.latest('weekly-push', { sentOnly: true }))?.trigger).toBe('cron');
    expect(await store.jobs.marks.has('push:3:2026-12-07')).toBe(true);
    expect((await store.jobs.pushSchedules.get(3))?.time).toBe('09:00');
    expect((await store.helpCases.listEvents(14)).map((e) => e.idemKey)).toEqual(['sim:m9#open']);
    expect(await store.reviews.get(21)).toMatchObject({ name: '2026年度群众满意度测评', branchIds: [3, 7] });
    expect([await store.reviews.hasVoted(21, 12), await store.reviews.voterIds(21)]).toEqual([true, [12, 13]]);
    expect(await store.reviews.tallies(21)).toEqual([
      expect.objectContaining({
        branchId: 3,
        answers: 2,
        knowYes: 1,
        knowNo: 1,
        overall: { very: 1, satisfied: 0, basic: 1, unsatisfied: 0 },
        comments: ['希望多组织线上学习', '医保报销希望更快'],
        choices: { 'q0:0': 2 },
      }),
    ]);
    expect((await store.reviews.get(21))?.questions?.[0]).toEqual((fixture.reviews[0].questions as unknown[])[0]);
    expect((await store.imageHashes.listSince(0, 10)).map((h) => [h.id, h.submissionId, h.hash])).toEqual([
      [22, 31, '0123456789abcdef'],
    ]);
  });

  test('new records continue after the imported ids', async () => {
    await importFixture();
    const { id: _id, createdAt: _createdAt, ...task } = fixture.tasks[0] as unknown as Task;
    expect((await store.tasks.create({ ...task, title: '新任务' }, at(10))).id).toBe(10);
    expect((await store.members.create({ name: '李四' }, at(10))).id).toBe(13);
    expect(
      (await store.outbox.enqueue({ target: { platform: 'sim', chatId: 'g1', chatType: 'group' }, text: '新' }, at(10)))
        .id,
    ).toBe(52);
    expect(
      (
        await store.helpCases.open(
          { memberId: 12, category: 'jobs', content: '找工作', platform: 'sim', sourceKey: 'sim:m10' },
          at(10),
        )
      ).helpCase.id,
    ).toBe(15);
    const review = await store.reviews.open(
      { name: '新测评', branchIds: [3], closesAt: ts(900), createdBy: 'x' },
      at(10),
    );
    expect(review.review.id).toBe(22);
    const hash = { hash: 'fedcba9876543210', sha256: 'd'.repeat(64), submissionId: 31, memberId: 12, taskId: 9 };
    expect((await store.imageHashes.add(hash, at(10))).id).toBe(23);
  });

  test('importing again changes nothing; a changed record replaces the old one, except in the append-only ledger', async () => {
    await importFixture();
    const before = await checksumOf(dump, 'members');
    await importFixture();
    expect(await checksumOf(dump, 'members')).toEqual(before);
    await dump.write('members', [{ ...fixture.members[0], phone: undefined, destCity: '广州' }]);
    const member = await store.members.get(12);
    expect(member?.phone).toBeUndefined();
    expect(member?.destCity).toBe('广州');
    await dump.write('ledger', [{ ...fixture.ledger[0], delta: 999 }]);
    expect((await store.ledger.totals([12])).get(12)).toBe(10);
  });

  test('blob hashes list every stored blob', async () => {
    const a = await store.blobs.put(Buffer.from('photo-a'), 'jpg');
    const b = await store.blobs.put(Buffer.from('photo-b'), 'png');
    const hashes: string[] = [];
    for await (const h of dump.blobHashes()) hashes.push(h);
    expect(hashes.sort()).toEqual([a.sha256, b.sha256].sort());
  });
}
