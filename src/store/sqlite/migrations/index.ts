/**
 * Versioned migrations, applied in version order, each once, inside a transaction.
 * Each issue's additions get their own file and version range so parallel work never renumbers another's.
 */
import { coreSchema } from './0001-core';
import { countersSchema } from './0400-counters';
import { jobsSchema } from './0500-jobs';
import { helpCasesSchema } from './0600-help-cases';
import { identityProofsSchema } from './1100-identity-proofs';
import { sourceKeysSchema } from './1130-source-keys';
import { noncesSchema } from './1170-nonces';
import { branchLedgerTasksSchema } from './1210-branch-ledger-tasks';
import { ledgerTotalsSchema } from './1400-ledger-totals';
import { memberTotalsSchema } from './1525-member-totals';
import { meetingsSchema } from './1500-meetings';
import { contactsSchema } from './1540-contacts';
import { opinionsSchema } from './1600-opinions';
import { imageHashesSchema } from './1700-image-hashes';
import { proofChecksSchema } from './1720-proof-checks';
import { noteSignaturesSchema } from './1820-note-signatures';
import { reviewsSchema } from './1620-reviews';
import { reviewQuestionsSchema } from './1630-review-questions';
import { ledgerCategorySchema } from './1520-ledger-category';
import { serviceSchema } from './1530-service';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  coreSchema,
  countersSchema,
  jobsSchema,
  helpCasesSchema,
  identityProofsSchema,
  sourceKeysSchema,
  noncesSchema,
  branchLedgerTasksSchema,
  ledgerTotalsSchema,
  memberTotalsSchema,
  meetingsSchema,
  contactsSchema,
  opinionsSchema,
  imageHashesSchema,
  proofChecksSchema,
  noteSignaturesSchema,
  reviewsSchema,
  reviewQuestionsSchema,
  ledgerCategorySchema,
  serviceSchema,
].sort((a, b) => a.version - b.version);
