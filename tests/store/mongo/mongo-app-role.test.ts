import fs from 'node:fs';
import path from 'node:path';
import mongoose, { type Model } from 'mongoose';
import { mongoDumpSpecs } from '../../../src/store/mongo/mongo-dump';
import { mongoModels } from '../../../src/store/mongo/mongo-models';

interface Privilege {
  resource: { db: string; collection: string };
  actions: string[];
}
const role = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../docker/mongo/initdb/zhibu-app-role.json'), 'utf8'),
) as { role: string; privileges: Privilege[] };
const DOCUMENT_WRITES = ['update', 'remove', 'insert'];

/** The database role compose creates for the bot (docker/mongo/initdb): least privilege, kept in step with the schemas. */
describe("the bot's MongoDB role", () => {
  const conn = mongoose.createConnection();
  afterAll(async () => {
    await conn.close();
  });
  const models = mongoModels(conn) as unknown as Record<string, Model<unknown>>;
  const collectionOf = (model: string) => models[model].collection.collectionName;
  const actionsOn = (collection: string) =>
    role.privileges
      .filter((p) => p.resource.db === 'zhibu' && p.resource.collection === collection)
      .flatMap((p) => p.actions);

  test('the append-only collections can be read and inserted into, never updated or deleted', () => {
    const appendOnly = Object.values(mongoDumpSpecs)
      .filter((s) => s.appendOnly)
      .map((s) => collectionOf(s.model))
      .sort();
    expect(appendOnly).toEqual(['help_case_events', 'image_hashes', 'ledger', 'opinion_events']);
    for (const c of appendOnly) {
      expect(actionsOn(c)).toEqual(expect.arrayContaining(['find', 'insert']));
      expect(actionsOn(c).filter((a) => DOCUMENT_WRITES.includes(a) && a !== 'insert')).toEqual([]);
    }
    // A database-wide grant would reach the ledger too: only listing collections is granted that way.
    expect(actionsOn('')).toEqual(['listCollections']);
  });

  test('every other collection the bot uses is granted explicitly', () => {
    const all = [
      ...Object.keys(models).map(collectionOf),
      'schema_migrations',
      'media.files',
      'media.chunks',
      'media.addresses',
    ];
    const missing = all.filter((c) => !actionsOn(c).includes('find') || !actionsOn(c).includes('insert'));
    expect(missing).toEqual([]);
  });
});
