import { allSourceFiles, importGraph, readSource, roomOf, type ImportEdge } from './import-graph';

const edges = importGraph();
const from = (room: string) => edges.filter((e) => roomOf(e.from) === room || e.from.startsWith(`${room}/`));
const into = (list: ImportEdge[], ...rooms: string[]) =>
  list.filter((e) => rooms.some((r) => e.to === r || e.to.startsWith(`${r}/`)));
const show = (list: ImportEdge[]) => list.map((e) => `${e.from} → ${e.to}`);

/** The composition roots: the only places that see every room and wire them together. */
const ROOTS = ['src/runtime', 'src/cli'];
/** Rooms that hold the rules of the domain and the kernel: no transport, page or wiring in them. */
const INNER = [
  'src/bot',
  'src/outbox',
  'src/members',
  'src/tasks',
  'src/points',
  'src/help-cases',
  'src/meetings',
  'src/contacts',
  'src/certificates',
  'src/opinions',
  'src/reviews',
  'src/service',
  'src/answers',
  'src/reports',
  'src/access',
  'src/scheduler',
  'src/store',
  'src/media',
  'src/text',
  'src/time',
];

describe('the import graph keeps the documented direction', () => {
  it('reads a graph of the real size (a broken parser would pass every rule below)', () => {
    expect(edges.length).toBeGreaterThan(800);
    expect(into(from('handlers'), 'src/bot').length).toBeGreaterThan(40);
  });

  it('handlers and jobs never import platforms', () => {
    expect(show(into([...from('handlers'), ...from('jobs')], 'src/platforms'))).toEqual([]);
  });

  it('platforms never import handlers or jobs', () => {
    expect(show(into(from('src/platforms'), 'handlers', 'jobs'))).toEqual([]);
  });

  it('the scheduler never imports jobs (jobs depend on it, one way)', () => {
    expect(show(into(from('src/scheduler'), 'jobs'))).toEqual([]);
  });

  it('only the composition roots import handlers and jobs', () => {
    const outside = edges.filter(
      (e) => !ROOTS.some((r) => e.from.startsWith(`${r}/`)) && !['handlers', 'jobs'].includes(roomOf(e.from)),
    );
    expect(show(into(outside, 'handlers', 'jobs'))).toEqual([]);
  });

  it('the domain and kernel rooms never import transports, pages, Excel or the wiring', () => {
    const inner = INNER.flatMap(from);
    expect(
      show(into(inner, 'src/platforms', 'src/http', 'src/excel', 'src/runtime', 'src/cli', 'handlers', 'jobs')),
    ).toEqual([]);
  });

  it('text, time, errors and the model are leaves: they import nothing of the domain at run time', () => {
    const leaves = [...from('src/text'), ...from('src/time'), ...from('src/errors'), ...from('src/model')].filter(
      (e) => !e.typeOnly,
    );
    const allowed = ['src/text', 'src/time', 'src/errors.ts', 'src/model.ts'];
    expect(show(leaves.filter((e) => !allowed.some((a) => e.to === a || e.to.startsWith(`${a}/`))))).toEqual([]);
  });
});

describe('the points ledger has one writer', () => {
  it('only src/points/ledger.ts appends ledger entries', () => {
    const writers = allSourceFiles().filter((f) => /\.ledger\.(append|settle)\(/.test(readSource(f)));
    expect(writers).toEqual(['src/points/ledger.ts']);
  });
});
