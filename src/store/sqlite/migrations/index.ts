/**
 * Versioned migrations, applied in version order, each once, inside a transaction.
 * Each issue's additions get their own file and version range so parallel work never renumbers another's.
 */
import { coreSchema } from './0001-core';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [coreSchema].sort((a, b) => a.version - b.version);
