import type { StoreFactory } from './contract-types';
import { countersContract } from './counters-contract';
import { helpCasesContract } from './help-cases-contract';
import { identityProofsContract } from './identity-proofs-contract';
import { instancesContract } from './instances-contract';
import { jobsContract } from './jobs-contract';
import { ledgerTotalsContract } from './ledger-totals-contract';
import { ledgerSettleContract } from './ledger-settle-contract';
import { messagingContract } from './messaging-contract';
import { noncesContract } from './nonces-contract';
import { opinionsContract } from './opinions-contract';
import { imageHashesContract } from './image-hashes-contract';
import { blobVariantsContract } from './blob-variants-contract';
import { proofChecksContract } from './proof-checks-contract';
import { peopleContract } from './people-contract';
import { serviceContract } from './service-contract';
import { tasksContract } from './tasks-contract';
import { sourceKeysContract } from './source-keys-contract';
import { meetingsContract } from './meetings-contract';
import { contactsContract } from './contacts-contract';
import { reviewsContract } from './reviews-contract';

/**
 * The behaviour every Store adapter shares (DESIGN.md §6.7). Each area of the port has its own contract file;
 * add yours to this list when you extend the port.
 */
export const contracts: Array<[string, (make: StoreFactory) => void]> = [
  ['people', peopleContract],
  ['tasks and ledger', tasksContract],
  ['ledger balances', ledgerTotalsContract],
  ['ledger settlement', ledgerSettleContract],
  ['messaging', messagingContract],
  ['counters', countersContract],
  ['several instances', instancesContract],
  ['help cases', helpCasesContract],
  ['source keys', sourceKeysContract],
  ['scheduled jobs', jobsContract],
  ['identity proofs and sessions', identityProofsContract],
  ['single-use nonces', noncesContract],
  ['meetings', meetingsContract],
  ['contacts and certificates', contactsContract],
  ['opinions', opinionsContract],
  ['image hashes', imageHashesContract],
  ['blob variants', blobVariantsContract],
  ['proof checks', proofChecksContract],
  ['satisfaction reviews', reviewsContract],
  ['service: wishes and activities', serviceContract],
];

export function storeContract(adapter: string, make: StoreFactory): void {
  describe(`${adapter} store contract`, () => {
    for (const [area, contract] of contracts) describe(area, () => contract(make));
  });
}
