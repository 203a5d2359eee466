/**
 * Versioned migrations, applied in version order, each once, inside a transaction.
 * Each issue's additions get their own file and version range so parallel work never renumbers another's.
 */
import { coreSchema } from './0001-core';
import { countersSchema } from './0400-counters';
import { jobsSchema } from './0500-jobs';
import { helpCasesSchema } from './0600-help-cases';
import { sourceKeysSchema } from './1130-source-keys';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [coreSchema, countersSchema, jobsSchema, helpCasesSchema, sourceKeysSchema].sort((a, b) => a.version - b.version);
