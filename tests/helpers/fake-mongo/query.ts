/**
 * The subset of MongoDB's query, update and aggregation language the adapter and the driver's GridFS use, with
 * MongoDB's semantics (dotted paths reach into arrays, a missing field equals null, unique indexes treat a missing
 * field as null). A test double of the server, not a database: everything stays in memory.
 */
import { deserialize, serialize } from 'bson';
import { evaluate, exprMatches } from './expressions';

export type Doc = Record<string, unknown>;

/** A deep copy that keeps BSON types (structuredClone would turn an ObjectId or a Binary into a plain object). */
export function clone<T>(value: T): T {
  return (deserialize(serialize({ v: value })) as { v: T }).v;
}

const isObj = (v: unknown): v is Doc =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !('_bsontype' in (v as object)) &&
  !Buffer.isBuffer(v);

/** A comparable form: ObjectIds and binaries by their bytes, dates by time. */
function key(v: unknown): unknown {
  if (v && typeof v === 'object' && '_bsontype' in v) {
    const t = (v as { _bsontype: string })._bsontype;
    if (t === 'ObjectId') return `oid:${(v as unknown as { toHexString(): string }).toHexString()}`;
    if (t === 'Binary') return `bin:${Buffer.from((v as unknown as { buffer: Uint8Array }).buffer).toString('hex')}`;
    if (t === 'Long' || t === 'Int32' || t === 'Double') return Number(v as never);
  }
  if (v instanceof Date) return v.getTime();
  return v;
}

const TYPE_ORDER = (v: unknown): number =>
  v === undefined || v === null
    ? 0
    : typeof v === 'number'
      ? 1
      : typeof v === 'string'
        ? 2
        : isObj(v)
          ? 3
          : Array.isArray(v)
            ? 4
            : 5;

export function compare(a: unknown, b: unknown): number {
  const [ka, kb] = [key(a), key(b)];
  const [ta, tb] = [TYPE_ORDER(ka), TYPE_ORDER(kb)];
  if (ta !== tb) return ta - tb;
  if (typeof ka === 'number' && typeof kb === 'number') return ka - kb;
  if (typeof ka === 'string' && typeof kb === 'string') return ka < kb ? -1 : ka > kb ? 1 : 0;
  const [ja, jb] = [JSON.stringify(ka ?? null), JSON.stringify(kb ?? null)];
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

export const equal = (a: unknown, b: unknown) => compare(a, b) === 0 && TYPE_ORDER(key(a)) === TYPE_ORDER(key(b));

/** Every value a dotted path reaches (arrays fan out), or [undefined] when it reaches nothing. */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split('.');
  if (Array.isArray(doc)) {
    if (/^\d+$/.test(head)) return valuesAt(doc[Number(head)], rest.join('.'));
    return doc.flatMap((d) => valuesAt(d, path));
  }
  if (!isObj(doc)) return [undefined];
  const v = doc[head];
  if (rest.length === 0) return Array.isArray(v) ? [v, ...v] : [v];
  return valuesAt(v, rest.join('.'));
}

function matchOp(values: unknown[], op: string, arg: unknown): boolean {
  const some = (f: (v: unknown) => boolean) => values.some(f);
  switch (op) {
    case '$eq':
      return some((v) => equal(v ?? null, arg ?? null));
    case '$ne':
      return !some((v) => equal(v ?? null, arg ?? null));
    case '$in':
      return (arg as unknown[]).some((x) => some((v) => equal(v ?? null, x ?? null)));
    case '$nin':
      return !(arg as unknown[]).some((x) => some((v) => equal(v ?? null, x ?? null)));
    case '$gt':
      return some((v) => v !== undefined && TYPE_ORDER(key(v)) === TYPE_ORDER(key(arg)) && compare(v, arg) > 0);
    case '$gte':
      return some((v) => v !== undefined && TYPE_ORDER(key(v)) === TYPE_ORDER(key(arg)) && compare(v, arg) >= 0);
    case '$lt':
      return some((v) => v !== undefined && TYPE_ORDER(key(v)) === TYPE_ORDER(key(arg)) && compare(v, arg) < 0);
    case '$lte':
      return some((v) => v !== undefined && TYPE_ORDER(key(v)) === TYPE_ORDER(key(arg)) && compare(v, arg) <= 0);
    case '$exists':
      return some((v) => v !== undefined) === Boolean(arg);
    case '$type':
      return arg === 'string'
        ? some((v) => typeof v === 'string')
        : (() => {
            throw new Error(`$type ${String(arg)} not supported`);
          })();
    default:
      throw new Error(`query operator ${op} not supported by the fake server`);
  }
}

export function matches(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([k, cond]) => {
    if (k === '$or') return (cond as Doc[]).some((f) => matches(doc, f));
    if (k === '$and') return (cond as Doc[]).every((f) => matches(doc, f));
    if (k === '$expr') return exprMatches(doc, cond);
    const values = valuesAt(doc, k);
    if (isObj(cond) && Object.keys(cond).length > 0 && Object.keys(cond).every((o) => o.startsWith('$'))) {
      return Object.entries(cond).every(([op, arg]) => matchOp(values, op, arg));
    }
    return matchOp(values, '$eq', cond);
  });
}

export function sortDocs(docs: Doc[], sort: Doc | undefined): Doc[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const keys = Object.entries(sort) as Array<[string, number]>;
  return [...docs].sort((a, b) => {
    for (const [k, dir] of keys) {
      const c = compare(valuesAt(a, k)[0], valuesAt(b, k)[0]);
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

export function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  const include = Object.entries(projection)
    .filter(([, v]) => v === 1 || v === true)
    .map(([k]) => k);
  if (include.length === 0) {
    const out = { ...doc };
    for (const k of Object.keys(projection)) delete out[k];
    return out;
  }
  const out: Doc = { _id: doc._id };
  if (projection._id === 0) delete out._id;
  for (const k of include) if (doc[k] !== undefined) out[k] = doc[k];
  return out;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (!isObj(cur[p])) cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts[parts.length - 1]] = value;
}

function unsetPath(doc: Doc, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) cur = isObj(cur) ? cur[p] : undefined;
  if (isObj(cur)) delete cur[parts[parts.length - 1]];
}

/** Applies an update document, a replacement or a pipeline to `doc` (in place). */
export function applyUpdate(doc: Doc, update: Doc | Doc[], inserting: boolean): void {
  if (Array.isArray(update)) {
    for (const stage of update) {
      // Every expression of a stage reads the document as it entered the stage.
      if (stage.$set)
        for (const [k, v] of Object.entries(stage.$set as Doc).map(([k, e]) => [k, evaluate(doc, e)] as const))
          setPath(doc, k, v);
      else if (stage.$unset) for (const k of [stage.$unset].flat() as string[]) unsetPath(doc, k);
      else throw new Error(`pipeline stage ${Object.keys(stage)[0]} not supported by the fake server`);
    }
    return;
  }
  if (!Object.keys(update).some((k) => k.startsWith('$'))) {
    for (const k of Object.keys(doc)) if (k !== '_id') delete doc[k];
    Object.assign(doc, clone(update));
    return;
  }
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Doc)) {
      const current = valuesAt(doc, path)[0];
      if (op === '$set') setPath(doc, path, clone(value));
      else if (op === '$setOnInsert') {
        if (inserting) setPath(doc, path, clone(value));
      } else if (op === '$unset') unsetPath(doc, path);
      else if (op === '$inc') setPath(doc, path, ((current as number) ?? 0) + (value as number));
      else if (op === '$push') setPath(doc, path, pushed(current, value));
      else if (op === '$max') {
        if (current === undefined || compare(value, current) > 0) setPath(doc, path, value);
      } else throw new Error(`update operator ${op} not supported by the fake server`);
    }
  }
}

/** The document an upsert starts from: the filter's equality conditions. */
export function seedFromFilter(filter: Doc): Doc {
  const doc: Doc = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) continue;
    if (isObj(v) && Object.keys(v).some((o) => o.startsWith('$'))) {
      if ('$eq' in v) setPath(doc, k, v.$eq);
      continue;
    }
    setPath(doc, k, v);
  }
  return doc;
}

/** `$push` of one value or `{ $each, $sort }` (a number for scalars, `{ field: 1|-1 }` for documents). */
function pushed(current: unknown, value: unknown): unknown[] {
  const list = Array.isArray(current) ? [...current] : [];
  const spec = isObj(value) && '$each' in value ? value : { $each: [value] };
  list.push(...clone(spec.$each as unknown[]));
  const order = spec.$sort as number | Record<string, number> | undefined;
  if (order === undefined) return list;
  const [field, dir] = typeof order === 'number' ? [undefined, order] : Object.entries(order)[0];
  const at = (x: unknown) => (field === undefined ? x : (x as Doc)[field]);
  return list.sort((a, b) => dir * compare(at(a), at(b)));
}
