/**
 * Indexes of the fake server as MongoDB 7 treats them: unique ones refuse duplicates with E11000 carrying
 * `keyPattern`/`keyValue`; an index requested under an existing name with other keys (86) or other options (85), or
 * with the keys and options of an index of another name (85), is refused instead of silently kept.
 */
import { equal, matches, valuesAt, type Doc } from './query';

/** The options that make two indexes on the same keys different. */
const OPTION_NAMES = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation'] as const;

export interface Index {
  name: string;
  key: Doc;
  unique: boolean;
  partial?: Doc;
  options: Doc;
}
export interface Collection {
  docs: Doc[];
  indexes: Index[];
}

export class DuplicateKey extends Error {
  readonly code = 11000;
  constructor(
    message: string,
    readonly keyPattern: Doc,
    readonly keyValue: Doc,
  ) {
    super(message);
  }
}

export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
  ) {
    super(message);
  }
}

export const idIndex = (): Index => ({ name: '_id_', key: { _id: 1 }, unique: true, options: {} });

export function checkUnique(c: Collection, ns: string, doc: Doc, ignore?: Doc): void {
  for (const index of c.indexes.filter((i) => i.unique)) {
    if (index.partial && !matches(doc, index.partial)) continue;
    const fields = Object.keys(index.key);
    const keyOf = (d: Doc) => fields.map((f) => valuesAt(d, f)[0] ?? null);
    const mine = keyOf(doc);
    const clash = c.docs.find(
      (other) =>
        other !== ignore &&
        (!index.partial || matches(other, index.partial)) &&
        keyOf(other).every((v, i) => equal(v, mine[i])),
    );
    if (!clash) continue;
    const keyValue = Object.fromEntries(fields.map((f, i) => [f, mine[i]]));
    throw new DuplicateKey(
      `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: ${JSON.stringify(keyValue)}`,
      index.key,
      keyValue,
    );
  }
}

const optionsOf = (spec: Doc): Doc =>
  Object.fromEntries(OPTION_NAMES.filter((o) => spec[o] !== undefined && spec[o] !== false).map((o) => [o, spec[o]]));
const sameDoc = (a: Doc, b: Doc) => JSON.stringify(a) === JSON.stringify(b);

/** Builds the requested indexes; an identical request is a no-op, a conflicting one is refused. */
export function createIndexes(c: Collection, ns: string, specs: Doc[]): void {
  for (const spec of specs) {
    const index: Index = {
      name: String(spec.name),
      key: spec.key as Doc,
      unique: Boolean(spec.unique),
      partial: spec.partialFilterExpression as Doc | undefined,
      options: optionsOf(spec),
    };
    const named = c.indexes.find((i) => i.name === index.name);
    if (named && !sameDoc(named.key, index.key)) {
      throw new CommandError(
        86,
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index but different keys. Requested index: ${JSON.stringify(spec)}`,
      );
    }
    if (named && !sameDoc(named.options, index.options)) {
      throw new CommandError(
        85,
        'IndexOptionsConflict',
        `An existing index has the same name as the requested index but different options. Requested index: ${JSON.stringify(spec)}`,
      );
    }
    if (named) continue;
    const twin = c.indexes.find((i) => sameDoc(i.key, index.key) && sameDoc(i.options, index.options));
    if (twin)
      throw new CommandError(85, 'IndexOptionsConflict', `Index already exists with a different name: ${twin.name}`);
    if (index.unique) for (const d of c.docs) checkUnique({ ...c, indexes: [index] }, ns, d, d);
    c.indexes.push(index);
  }
}

/** `dropIndexes` by name, list of names, key pattern or '*'; `_id_` stays. */
export function dropIndexes(c: Collection, which: unknown): void {
  const match = (i: Index) =>
    which === '*'
      ? i.name !== '_id_'
      : Array.isArray(which)
        ? which.includes(i.name)
        : typeof which === 'string'
          ? i.name === which
          : sameDoc(i.key, which as Doc);
  const hits = c.indexes.filter(match);
  if (hits.length === 0 && which !== '*')
    throw new CommandError(27, 'IndexNotFound', `index not found with name [${JSON.stringify(which)}]`);
  if (hits.some((i) => i.name === '_id_')) throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
  c.indexes = c.indexes.filter((i) => !hits.includes(i));
}

export const listIndexes = (c: Collection): Doc[] =>
  c.indexes.map((i) => ({ v: 2, key: i.key, name: i.name, ...i.options }));
