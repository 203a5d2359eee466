/**
 * The aggregation expressions the adapter uses in `$expr` filters and pipeline updates, with the server's
 * semantics: `$$NOW` is one instant per command (the fake server's clock, which tests may set), a missing field
 * compares below every value, `$dateToString` formats in UTC.
 */
import { compare, valuesAt, type Doc } from './query';

let commandNow = new Date();

/** Runs `fn` with `$$NOW` fixed to `now`, as the server fixes it for one command. */
export function atServerTime<T>(now: Date, fn: () => T): T {
  commandNow = now;
  return fn();
}

const truthy = (v: unknown) => v !== undefined && v !== null && v !== false && v !== 0;
const ISO = '%Y-%m-%dT%H:%M:%S.%LZ';

type Op = (args: unknown[], doc: Doc) => unknown;
const ops: Record<string, Op> = {
  $add: ([a, b]) => (a instanceof Date ? new Date(a.getTime() + Number(b)) : Number(a) + Number(b)),
  $subtract: ([a, b]) => (a instanceof Date ? new Date(a.getTime() - Number(b)) : Number(a) - Number(b)),
  $max: (vals) => vals.reduce((m, v) => (compare(v, m) > 0 ? v : m)),
  $eq: ([a, b]) => compare(a ?? null, b ?? null) === 0,
  $ne: ([a, b]) => compare(a ?? null, b ?? null) !== 0,
  $gt: ([a, b]) => compare(a, b) > 0,
  $gte: ([a, b]) => compare(a, b) >= 0,
  $lt: ([a, b]) => compare(a, b) < 0,
  $lte: ([a, b]) => compare(a, b) <= 0,
  $and: (vals) => vals.every(truthy),
  $or: (vals) => vals.some(truthy),
  $not: ([a]) => !truthy(a),
  $ifNull: ([a, b]) => a ?? b,
};

function dateToString(doc: Doc, spec: Doc): string {
  if (spec.format !== undefined && spec.format !== ISO)
    throw new Error(`$dateToString format ${String(spec.format)} not supported by the fake server`);
  const date = evaluate(doc, spec.date);
  if (!(date instanceof Date)) throw new Error('$dateToString needs a date');
  return date.toISOString();
}

/** Evaluates an aggregation expression against `doc`. */
export function evaluate(doc: Doc, expr: unknown): unknown {
  if (expr === '$$NOW') return new Date(commandNow.getTime());
  if (typeof expr === 'string' && expr.startsWith('$')) return valuesAt(doc, expr.slice(1))[0];
  if (Array.isArray(expr)) return expr.map((e) => evaluate(doc, e));
  if (!expr || typeof expr !== 'object' || expr instanceof Date || '_bsontype' in expr) return expr;
  const [op, args] = Object.entries(expr as Doc)[0] ?? [];
  if (op === undefined || !op.startsWith('$'))
    return Object.fromEntries(Object.entries(expr as Doc).map(([k, e]) => [k, evaluate(doc, e)]));
  if (op === '$literal') return args;
  if (op === '$dateToString') return dateToString(doc, args as Doc);
  if (op === '$cond') {
    const [cond, then, otherwise] = Array.isArray(args)
      ? args
      : [(args as Doc).if, (args as Doc).then, (args as Doc).else];
    return truthy(evaluate(doc, cond)) ? evaluate(doc, then) : evaluate(doc, otherwise);
  }
  const fn = ops[op];
  if (!fn) throw new Error(`expression ${op} not supported by the fake server`);
  return fn(
    (Array.isArray(args) ? args : [args]).map((a) => evaluate(doc, a)),
    doc,
  );
}

/** `$expr` in a filter: the expression's truth. */
export const exprMatches = (doc: Doc, expr: unknown): boolean => truthy(evaluate(doc, expr));
