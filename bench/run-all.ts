import type { BenchCase } from './bench-case';
import { coldStart } from './cold-start';
import { dashboardOverview } from './dashboard-overview';
import { dingtalkIngest } from './dingtalk-ingest';
import { handledThroughput } from './handled-throughput';
import { hostileBodies } from './hostile-bodies';
import { inboxCommitStalls } from './inbox-commit-stalls';
import { jobsScale } from './jobs-scale';
import { ledgerPath } from './ledger-path';
import { ledgerScale } from './ledger-scale';
import { nearCopyNotes } from './near-copy-notes';
import { proofNearDuplicate } from './proof-near-duplicate';
import { pushPlanning } from './push-planning';
import { qaCalibrate } from './qa-calibrate';
import { qaRetrieval } from './qa-retrieval';
import { rosterImport } from './roster-import';
import { simQueries } from './sim-queries';
import { sqliteScale } from './sqlite-scale';
import { wecomIngest } from './wecom-ingest';
import { xlsxBomb } from './xlsx-bomb';

/** `npm run bench` — prints each benchmark's figures. Targets are checked by reading these, never by test timing. */
const cases: BenchCase[] = [
  simQueries,
  sqliteScale,
  dingtalkIngest,
  qaRetrieval,
  qaCalibrate,
  jobsScale,
  wecomIngest,
  inboxCommitStalls,
  dashboardOverview,
  rosterImport,
  pushPlanning,
  hostileBodies,
  xlsxBomb,
  coldStart,
  ledgerScale,
  ledgerPath,
  handledThroughput,
  proofNearDuplicate,
  nearCopyNotes,
];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const c of cases.filter((x) => !only || x.name === only)) {
    const lines = await c.run();
    for (const line of lines) console.log(`[${c.name}] ${line}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
