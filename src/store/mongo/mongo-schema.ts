import { Schema } from 'mongoose';

/** No `__v`, no `id` virtual, empty objects kept (an empty reply hint is still a value), unknown fields refused. */
const options = { versionKey: false, id: false, minimize: false, strict: 'throw' } as const;

/**
 * A string that must be present but may be empty (SQLite's TEXT NOT NULL). Mongoose's `required` would refuse ''
 * (an empty task content is valid), so presence is checked by `schema()` instead.
 */
export const str = Object.freeze({ type: String });
export const optStr = { type: String };
export const num = { type: Number, required: true };
export const { Mixed } = Schema.Types;
/** Proof media as embedded sub-documents (no `_id` of their own). */
export const mediaSchema = new Schema(
  { sha256: str, kind: str, name: optStr },
  { _id: false, id: false, versionKey: false },
);

export type IndexSpec = [Record<string, 1 | -1>, Record<string, unknown>?];

/** A schema for one collection with its indexes. */
export function schema<T>(
  collection: string,
  definition: Record<string, unknown>,
  indexes: IndexSpec[] = [],
): Schema<T> {
  const s = new Schema<T>(definition, { ...options, collection });
  for (const [fields, opts] of indexes) s.index(fields, opts);
  const present = requiredStrings(definition);
  s.pre('validate', function () {
    const missing = present.filter((p) => typeof this.get(p) !== 'string');
    if (missing.length) throw new Error(`${collection}: ${missing.join(', ')} required`);
  });
  return s;
}

function requiredStrings(definition: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(definition).flatMap(([k, v]) => {
    if (v === str) return [`${prefix}${k}`];
    if (v && typeof v === 'object' && !('type' in v) && !Array.isArray(v) && !(v instanceof Schema))
      return requiredStrings(v as Record<string, unknown>, `${prefix}${k}.`);
    return [];
  });
}

/** Refuses updates and deletes through the model (SQLite enforces the same with triggers). */
export function appendOnly<T>(s: Schema<T>, what: string): Schema<T> {
  for (const op of [
    'updateOne',
    'updateMany',
    'findOneAndUpdate',
    'replaceOne',
    'findOneAndReplace',
    'deleteOne',
    'deleteMany',
    'findOneAndDelete',
  ] as const) {
    s.pre(op, () => {
      throw new Error(`${what} is append-only`);
    });
  }
  return s;
}
