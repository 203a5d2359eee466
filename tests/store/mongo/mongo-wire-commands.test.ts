import type { Model } from 'mongoose';
import type { MongoStore } from '../../../src/store/mongo/mongo-store';
import { mongoDump } from '../../../src/store/mongo/mongo-dump';
import type { RecordedCommand } from '../../helpers/fake-mongo/commands';
import { startFakeMongo, type FakeMongoServer } from '../../helpers/fake-mongo/fake-mongo-server';
import { fakeStore, freshDbName } from '../../helpers/fake-mongo/fake-store';

const T0 = new Date('2026-12-01T02:00:00.000Z');
const WRITES_THAT_CHANGE = ['update', 'delete', 'findAndModify', 'bulkWrite'];
const APPEND_ONLY = ['ledger', 'help_case_events'];

type Filter = Record<string, unknown>;
/** The filters a command carries: find/count/delete/update/findAndModify, and an aggregation's $match stages. */
function filtersOf(c: RecordedCommand): Filter[] {
  const cmd = c.cmd as Record<string, unknown>;
  if (c.name === 'find') return [(cmd.filter as Filter) ?? {}];
  if (c.name === 'count') return [(cmd.query as Filter) ?? {}];
  if (c.name === 'findAndModify') return [(cmd.query as Filter) ?? {}];
  if (c.name === 'update') return (cmd.updates as Array<{ q: Filter }>).map((u) => u.q);
  if (c.name === 'delete') return (cmd.deletes as Array<{ q: Filter }>).map((d) => d.q);
  if (c.name === 'aggregate') return (cmd.pipeline as Filter[]).filter((s) => s.$match).map((s) => s.$match as Filter);
  return [];
}

/** Equality on a field (plain value or `$eq`): what a partial index on that field is meant to serve. */
const equalityOn = (filter: Filter, field: string): boolean => {
  const v = filter[field];
  if (v === undefined) return false;
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith('$')))
    return '$eq' in v;
  return true;
};

/** What reaches the server, recorded by the fake: the properties a real replica set cannot be trusted to enforce alone. */
describe('MongoDB adapter: commands on the wire', () => {
  let server: FakeMongoServer;
  let store: MongoStore;
  beforeAll(async () => {
    server = await startFakeMongo();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    store = await fakeStore(server, freshDbName());
    server.clearCommands();
  });
  afterEach(async () => {
    await store.conn.dropDatabase();
    await store.close();
  });

  test('the ledger and help-case history only ever see find and insert (bot, repairs, migrate)', async () => {
    const m = await store.members.create({ name: '甲' }, T0);
    const award = (idemKey: string) => ({
      memberId: m.id,
      delta: 10,
      reason: '任务',
      kind: 'task' as const,
      actor: 'system',
      idemKey,
    });
    await Promise.all(['a', 'a', 'b'].map((k) => store.ledger.append(award(k), T0)));
    await store.ledger.totals([m.id]);
    await store.ledger.list();
    const hc = await store.helpCases.open(
      { memberId: m.id, category: 'jobs', content: '找工作', platform: 'sim', sourceKey: 'sim:h1' },
      T0,
    );
    await Promise.all(
      ['e1', 'e1'].map((k) =>
        store.helpCases.addEvent({ caseId: hc.helpCase.id, kind: 'note', actor: 'x', idemKey: k }, T0),
      ),
    );
    await store.conn.db!.collection('sequences').updateMany({}, { $set: { seq: 0 } });
    await store.ledger.append(award('c'), T0);
    const dump = mongoDump(store);
    for (const c of ['ledger', 'helpCaseEvents']) for await (const batch of dump.read(c)) await dump.write(c, batch);
    await dump.write('ledger', [
      {
        id: 99,
        memberId: m.id,
        delta: 5,
        reason: '迁入',
        kind: 'manual',
        actor: 'x',
        idemKey: 'old:99',
        createdAt: T0.toISOString(),
      },
    ]);
    await dump.finish();

    const touching = server.commands.filter(
      (c) => APPEND_ONLY.includes(c.collection ?? '') && WRITES_THAT_CHANGE.includes(c.name),
    );
    expect(touching.map((c) => `${c.name} ${c.collection}`)).toEqual([]);
    expect(server.commands.some((c) => c.name === 'insert' && c.collection === 'ledger')).toBe(true);
    expect((await store.ledger.list()).map((e) => e.idemKey)).toEqual(['a', 'b', 'c', 'old:99']);
  });

  test('every query on a field with a partial unique index carries the partial predicate', async () => {
    const target = { platform: 'sim' as const, chatId: 'g1', chatType: 'group' as const };
    await Promise.all([1, 2, 3].map(() => store.outbox.enqueue({ target, text: '排名', idemKey: 'rank:2026-12' }, T0)));
    await store.outbox.enqueue({ target, text: '排名', idemKey: 'rank:2026-12' }, T0);
    await store.outbox.enqueue({ target, text: '无键' }, T0);
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    await store.jobs.bank.add(
      {
        branchId: branch.id,
        title: '学习',
        content: '读',
        points: 5,
        proofKinds: ['text'],
        minChars: 0,
        lateRule: 'full',
        durationDays: 7,
        createdBy: 'x',
      },
      T0,
    );
    await Promise.all([1, 2].map(() => store.jobs.bank.reserve(branch.id, '2026-12-07', T0)));
    await store.jobs.bank.reserve(branch.id, '2026-12-07', T0);
    const task = {
      branchId: branch.id,
      title: '学习',
      content: '读',
      deadline: T0.toISOString(),
      points: 5,
      proofKinds: ['text' as const],
      minChars: 0,
      lateRule: 'full' as const,
      createdBy: 'x',
    };
    await Promise.all([1, 2].map(() => store.tasks.create(task, T0, 'sim:m1')));
    await store.tasks.create(task, T0, 'sim:m1');
    const wish = { kind: 'wish' as const, branchId: branch.id, title: '心愿', content: '心愿', places: 1, points: 3 };
    await Promise.all([1, 2].map(() => store.service.create({ ...wish, createdBy: 'x' }, T0, 'sim:m2')));
    const meeting = {
      branchId: branch.id,
      title: '学习',
      type: 'general' as const,
      startsAt: T0.toISOString(),
      endsAt: T0.toISOString(),
      place: '会议室',
      signInLeadMinutes: 30,
      points: 5,
      photoRequired: false,
      createdBy: 'x',
    };
    await Promise.all([1, 2].map(() => store.meetings.create(meeting, T0, 'sim:m2')));

    const partials = Object.values(store.models as unknown as Record<string, Model<unknown>>).flatMap((model) =>
      model.schema
        .indexes()
        .filter(([, opts]) => opts?.partialFilterExpression)
        .map(([, opts]) => ({
          collection: model.collection.collectionName,
          predicate: opts!.partialFilterExpression as Filter,
        })),
    );
    // The message-keyed creates (sourceKey) and the outbox/bank dedupe keys are the partial unique indexes.
    expect(partials.map((p) => p.collection).sort()).toEqual([
      'audit_log',
      'check_ins',
      'meetings',
      'members',
      'outbox',
      'reviews',
      'service_items',
      'task_bank',
      'task_bank',
      'tasks',
    ]);
    const missing: string[] = [];
    for (const { collection, predicate } of partials) {
      for (const c of server.commands.filter((x) => x.collection === collection)) {
        for (const filter of filtersOf(c)) {
          for (const [field, cond] of Object.entries(predicate)) {
            const got = filter[field] as Filter | undefined;
            if (
              equalityOn(filter, field) &&
              !(got && typeof got === 'object' && Object.entries(cond as Filter).every(([op, v]) => got[op] === v))
            ) {
              missing.push(`${c.name} ${collection} ${JSON.stringify(filter)}`);
            }
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(
      server.commands.filter((c) => c.collection === 'outbox' && filtersOf(c).some((f) => equalityOn(f, 'idemKey')))
        .length,
    ).toBeGreaterThan(0);
    expect(
      server.commands.filter((c) => c.collection === 'tasks' && filtersOf(c).some((f) => equalityOn(f, 'sourceKey')))
        .length,
    ).toBeGreaterThan(0);
    expect((await store.tasks.listByBranches([branch.id])).length).toBe(1);
  });
});
