import { ObjectId } from 'bson';
import { atServerTime, evaluate } from './expressions';
import {
  CommandError,
  DuplicateKey,
  checkUnique,
  createIndexes,
  dropIndexes,
  idIndex,
  listIndexes,
  type Collection,
} from './indexes';
import { applyUpdate, clone, equal, matches, project, seedFromFilter, sortDocs, valuesAt, type Doc } from './query';

/** One command as it reached the server: what tests assert on ("the bot never updates the ledger"). */
export interface RecordedCommand {
  name: string;
  db: string;
  collection?: string;
  cmd: Doc;
}

/** A `failCommand` fail point, as a server started with test commands enabled offers it. */
interface FailPoint {
  times: number;
  commands: string[];
  namespace?: string;
  errorCode: number;
  errmsg?: string;
}

/** Databases → collections, each a list of documents with its unique indexes enforced on every write. */
export class FakeMongoData {
  private readonly dbs = new Map<string, Map<string, Collection>>();
  readonly log: RecordedCommand[] = [];
  failPoint?: FailPoint;
  /** The server's clock ($$NOW, `localTime`): tests can set it apart from the clients' clocks. */
  clock: () => Date = () => new Date();

  collection(db: string, name: string, create = true): Collection | undefined {
    let colls = this.dbs.get(db);
    if (!colls) {
      if (!create) return undefined;
      colls = new Map();
      this.dbs.set(db, colls);
    }
    let coll = colls.get(name);
    if (!coll && create) {
      coll = { docs: [], indexes: [idIndex()] };
      colls.set(name, coll);
    }
    return coll;
  }

  dropDatabase(db: string): void {
    this.dbs.delete(db);
  }
  collectionNames(db: string): string[] {
    return [...(this.dbs.get(db)?.keys() ?? [])];
  }
}

/** The fields the server puts on an E11000 (in a writeError or a command error). */
const duplicateFields = (err: DuplicateKey) => ({
  code: 11000,
  errmsg: err.message,
  keyPattern: err.keyPattern,
  keyValue: err.keyValue,
});

const writeError = (err: unknown, index: number) => {
  if (err instanceof DuplicateKey) return { index, ...duplicateFields(err) };
  throw err;
};

type Handler = (data: FakeMongoData, cmd: Doc, db: string, coll: () => Collection) => Doc;
const cursor = (ns: string, firstBatch: Doc[]) => ({ cursor: { id: 0n, ns, firstBatch }, ok: 1 });
const HELLO = {
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  minWireVersion: 0,
  maxWireVersion: 21,
  readOnly: false,
  connectionId: 1,
  ok: 1,
};

/** The commands the driver, mongoose and GridFS send for what the adapter does; anything else is CommandNotFound. */
const handlers: Record<string, Handler> = {
  hello: (data) => ({ ...HELLO, localTime: data.clock() }),
  ismaster: (data) => ({ ...HELLO, localTime: data.clock() }),
  ping: () => ({ ok: 1 }),
  endsessions: () => ({ ok: 1 }),
  killcursors: () => ({ ok: 1 }),
  drop: () => ({ ok: 1 }),
  buildinfo: () => ({ version: '7.0.0-fake', versionArray: [7, 0, 0, 0], ok: 1 }),
  dropdatabase: (data, _cmd, db) => {
    data.dropDatabase(db);
    return { ok: 1 };
  },
  create: (data, cmd, db) => {
    const name = String(cmd.create);
    if (data.collection(db, name, false))
      return { ok: 0, code: 48, codeName: 'NamespaceExists', errmsg: `Collection ${db}.${name} already exists.` };
    data.collection(db, name);
    return { ok: 1 };
  },
  listcollections: (data, _cmd, db) =>
    cursor(
      `${db}.$cmd.listCollections`,
      data.collectionNames(db).map((n) => ({ name: n, type: 'collection' })),
    ),
  createindexes: (_data, cmd, db, coll) => {
    createIndexes(coll(), `${db}.${String(cmd.createIndexes)}`, cmd.indexes as Doc[]);
    return { ok: 1 };
  },
  dropindexes: (_data, cmd, _db, coll) => {
    dropIndexes(coll(), cmd.index);
    return { ok: 1 };
  },
  listindexes: (_data, cmd, db, coll) => cursor(`${db}.${String(cmd.listIndexes)}`, listIndexes(coll())),
  configurefailpoint: (data, cmd) => {
    data.failPoint = failPointOf(cmd);
    return { ok: 1 };
  },
  insert: (_data, cmd, db, coll) => insert(coll(), `${db}.${String(cmd.insert)}`, cmd.documents as Doc[]),
  find: (_data, cmd, db, coll) => cursor(`${db}.${String(cmd.find)}`, find(coll(), cmd)),
  update: (_data, cmd, db, coll) => update(coll(), `${db}.${String(cmd.update)}`, cmd.updates as Doc[]),
  delete: (_data, cmd, _db, coll) => remove(coll(), cmd.deletes as Doc[]),
  findandmodify: (_data, cmd, db, coll) => findAndModify(coll(), `${db}.${String(cmd.findAndModify)}`, cmd),
  aggregate: (_data, cmd, db, coll) =>
    cursor(`${db}.${String(cmd.aggregate)}`, aggregate(coll().docs, cmd.pipeline as Doc[])),
  count: (_data, cmd, _db, coll) => ({
    n: coll().docs.filter((d) => matches(d, (cmd.query as Doc) ?? {})).length,
    ok: 1,
  }),
};

const COLLECTION_COMMANDS = new Set([
  'create',
  'createindexes',
  'dropindexes',
  'listindexes',
  'insert',
  'find',
  'update',
  'delete',
  'findandmodify',
  'aggregate',
  'count',
  'drop',
]);

/** Runs one command document (OP_MSG body with document sequences merged in) and returns the reply. */
export function runCommand(data: FakeMongoData, cmd: Doc): Doc {
  const name = Object.keys(cmd)[0];
  const db = String(cmd.$db ?? 'admin');
  const collection = COLLECTION_COMMANDS.has(name.toLowerCase()) ? String(cmd[name]) : undefined;
  data.log.push({ name, db, ...(collection !== undefined ? { collection } : {}), cmd: clone(cmd) });
  const failed = injectedFailure(data, name, collection === undefined ? undefined : `${db}.${collection}`);
  if (failed) return failed;
  const handler = handlers[name.toLowerCase()];
  if (!handler)
    return { ok: 0, code: 59, codeName: 'CommandNotFound', errmsg: `no such command: '${name}' (fake server)` };
  try {
    return atServerTime(data.clock(), () => handler(data, cmd, db, () => data.collection(db, String(cmd[name]))!));
  } catch (err) {
    if (err instanceof CommandError) return { ok: 0, code: err.code, codeName: err.codeName, errmsg: err.message };
    throw err;
  }
}

function failPointOf(cmd: Doc): FailPoint | undefined {
  const mode = cmd.mode as Doc | string;
  if (mode === 'off') return undefined;
  const d = (cmd.data ?? {}) as Doc;
  const times = typeof mode === 'object' && mode.times !== undefined ? Number(mode.times) : Infinity;
  return {
    times,
    commands: (d.failCommands as string[]).map((c) => c.toLowerCase()),
    namespace: d.namespace as string | undefined,
    errorCode: Number(d.errorCode ?? 8),
    errmsg: d.errmsg as string | undefined,
  };
}

function injectedFailure(data: FakeMongoData, name: string, ns: string | undefined): Doc | undefined {
  const fp = data.failPoint;
  if (!fp || fp.times <= 0 || !fp.commands.includes(name.toLowerCase()) || (fp.namespace && fp.namespace !== ns))
    return undefined;
  fp.times--;
  return {
    ok: 0,
    code: fp.errorCode,
    errmsg: fp.errmsg ?? `Failing command via 'failCommand' failpoint`,
    codeName: 'FailPoint',
  };
}

function insert(c: Collection, ns: string, documents: Doc[]): Doc {
  const writeErrors: Doc[] = [];
  let n = 0;
  documents.forEach((d, i) => {
    const doc = clone({ _id: d._id ?? new ObjectId(), ...d });
    try {
      checkUnique(c, ns, doc);
      c.docs.push(doc);
      n++;
    } catch (err) {
      writeErrors.push(writeError(err, i));
    }
  });
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
}

function find(c: Collection, cmd: Doc): Doc[] {
  let docs = sortDocs(
    c.docs.filter((d) => matches(d, (cmd.filter as Doc) ?? {})),
    cmd.sort as Doc,
  );
  if (cmd.skip) docs = docs.slice(Number(cmd.skip));
  if (cmd.limit) docs = docs.slice(0, Math.abs(Number(cmd.limit)));
  return docs.map((d) => project(clone(d), cmd.projection as Doc));
}

function remove(c: Collection, deletes: Doc[]): Doc {
  let n = 0;
  for (const del of deletes) {
    const hits = c.docs.filter((d) => matches(d, del.q as Doc));
    for (const d of Number(del.limit) === 1 ? hits.slice(0, 1) : hits) {
      c.docs.splice(c.docs.indexOf(d), 1);
      n++;
    }
  }
  return { n, ok: 1 };
}

/** One update or upsert; throws DuplicateKey (nothing changed) when a unique index refuses the result. */
function updateOne(
  c: Collection,
  ns: string,
  q: Doc,
  u: Doc | Doc[],
  upsert: boolean,
  target?: Doc,
): { matched: boolean; doc?: Doc; upserted?: Doc } {
  if (target) {
    const copy = clone(target);
    applyUpdate(copy, u, false);
    // As on a real server: an update or replacement may not change a document's _id.
    if (!equal(copy._id, target._id))
      throw new Error("Performing an update on the path '_id' would modify the immutable field '_id'");
    checkUnique(c, ns, copy, target);
    c.docs[c.docs.indexOf(target)] = copy;
    return { matched: true, doc: copy };
  }
  if (!upsert) return { matched: false };
  const doc = seedFromFilter(q);
  applyUpdate(doc, u, true);
  if (doc._id === undefined) doc._id = new ObjectId();
  checkUnique(c, ns, doc);
  c.docs.push(doc);
  return { matched: false, doc, upserted: doc };
}

function update(c: Collection, ns: string, updates: Doc[]): Doc {
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors: Doc[] = [];
  updates.forEach((spec, i) => {
    try {
      const targets = c.docs.filter((d) => matches(d, spec.q as Doc));
      for (const t of spec.multi ? targets : targets.slice(0, 1)) {
        updateOne(c, ns, spec.q as Doc, spec.u as Doc, false, t);
        n++;
        nModified++;
      }
      if (targets.length === 0 && spec.upsert) {
        upserted.push({ index: i, _id: updateOne(c, ns, spec.q as Doc, spec.u as Doc, true).upserted!._id });
        n++;
      }
    } catch (err) {
      writeErrors.push(writeError(err, i));
    }
  });
  return {
    n,
    nModified,
    ...(upserted.length ? { upserted } : {}),
    ...(writeErrors.length ? { writeErrors } : {}),
    ok: 1,
  };
}

function findAndModify(c: Collection, ns: string, cmd: Doc): Doc {
  const target = sortDocs(
    c.docs.filter((d) => matches(d, (cmd.query as Doc) ?? {})),
    cmd.sort as Doc,
  )[0];
  try {
    if (cmd.remove) {
      if (target) c.docs.splice(c.docs.indexOf(target), 1);
      return { lastErrorObject: { n: target ? 1 : 0 }, value: target ?? null, ok: 1 };
    }
    const r = updateOne(c, ns, (cmd.query as Doc) ?? {}, cmd.update as Doc, Boolean(cmd.upsert), target);
    const value = cmd.new ? (r.doc ?? null) : (target ?? null);
    return {
      lastErrorObject: {
        n: r.doc ? 1 : 0,
        updatedExisting: r.matched,
        ...(r.upserted ? { upserted: r.upserted._id } : {}),
      },
      value: value && project(value, cmd.fields as Doc),
      ok: 1,
    };
  } catch (err) {
    if (err instanceof DuplicateKey) return { ok: 0, codeName: 'DuplicateKey', ...duplicateFields(err) };
    throw err;
  }
}

function aggregate(docs: Doc[], pipeline: Doc[]): Doc[] {
  let out = docs.map((d) => clone(d));
  for (const stage of pipeline) {
    const [op, arg] = Object.entries(stage)[0];
    if (op === '$match') out = out.filter((d) => matches(d, arg as Doc));
    else if (op === '$sort') out = sortDocs(out, arg as Doc);
    else if (op === '$skip') out = out.slice(Number(arg));
    else if (op === '$limit') out = out.slice(0, Number(arg));
    else if (op === '$group') out = group(out, arg as Doc);
    else throw new Error(`aggregation stage ${op} not supported by the fake server`);
  }
  return out;
}

function group(docs: Doc[], spec: Doc): Doc[] {
  const { _id: idExpr, ...accs } = spec;
  const groups = new Map<string, Doc>();
  for (const d of docs) {
    const ref = (e: unknown) => (typeof e === 'string' && e.startsWith('$') ? (valuesAt(d, e.slice(1))[0] ?? null) : e);
    const id =
      idExpr && typeof idExpr === 'object'
        ? Object.fromEntries(Object.entries(idExpr).map(([k, e]) => [k, ref(e)]))
        : ref(idExpr);
    const k = JSON.stringify(id);
    const g = groups.get(k) ?? { _id: id, ...Object.fromEntries(Object.keys(accs).map((a) => [a, 0])) };
    for (const [name, acc] of Object.entries(accs)) {
      const sum = (acc as Doc).$sum;
      if (sum === undefined) throw new Error('only $sum accumulators are supported by the fake server');
      // As the server does, $sum adds what an expression (a field path, $cond, …) yields and ignores non-numbers.
      const value = evaluate(d, sum);
      g[name] = (g[name] as number) + (typeof value === 'number' ? value : 0);
    }
    groups.set(k, g);
  }
  return [...groups.values()];
}
