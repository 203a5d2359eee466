import type { Model } from 'mongoose';
import type { MongoModels } from './mongo-models';

/** The options that make two indexes on the same keys different (the rest, like `v` and `ns`, are bookkeeping). */
const OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation'] as const;

type Spec = { key: Record<string, unknown>; name: string; options: Record<string, unknown> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

const nameOf = (key: Record<string, unknown>) =>
  Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
const optionsOf = (o: Record<string, unknown> = {}) =>
  Object.fromEntries(OPTIONS.filter((k) => o[k] !== undefined && o[k] !== false).map((k) => [k, o[k]]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function declared(model: AnyModel): Spec[] {
  return model.schema
    .indexes()
    .map(([key, opts]) => ({ key, name: (opts?.name as string | undefined) ?? nameOf(key), options: optionsOf(opts) }));
}

export interface IndexChange {
  collection: string;
  index: string;
  change: 'created' | 'rebuilt' | 'dropped';
}

/**
 * Brings one collection's indexes to what its schema declares. The server refuses to build an index under an
 * existing name with other keys or options (IndexOptionsConflict), so a changed index is dropped and rebuilt; an
 * index no schema declares any more is dropped. A collection already in shape costs one `listIndexes`.
 */
export async function syncIndexes(model: AnyModel): Promise<IndexChange[]> {
  const coll = model.collection;
  const existing = (await coll.listIndexes().toArray()) as Array<
    Record<string, unknown> & { name: string; key: Record<string, unknown> }
  >;
  const wanted = declared(model);
  const changes: IndexChange[] = [];
  const note = (index: string, change: IndexChange['change']) =>
    changes.push({ collection: coll.collectionName, index, change });
  for (const old of existing) {
    if (old.name === '_id_') continue;
    const spec = wanted.find((w) => w.name === old.name);
    if (spec && same(spec.key, old.key) && same(spec.options, optionsOf(old))) continue;
    await coll.dropIndex(old.name);
    if (!spec) note(old.name, 'dropped');
  }
  for (const spec of wanted) {
    const old = existing.find((e) => e.name === spec.name);
    if (old && same(spec.key, old.key) && same(spec.options, optionsOf(old))) continue;
    await coll.createIndex(spec.key as Record<string, 1 | -1>, { ...spec.options, name: spec.name });
    note(spec.name, old ? 'rebuilt' : 'created');
  }
  return changes;
}

/** Every model's collection, created if missing, with its declared indexes. */
export async function syncAllIndexes(models: MongoModels): Promise<IndexChange[]> {
  const changes: IndexChange[] = [];
  for (const model of Object.values(models) as AnyModel[]) {
    await model.createCollection().catch((err: { code?: number }) => {
      if (err.code !== 48) throw err;
    });
    changes.push(...(await syncIndexes(model)));
  }
  return changes;
}
