import type { Logger } from 'pino';
import type { Config } from '../config/load-config';
import type { OutboxPort } from '../outbox/outbox-port';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { defaultProofChecks } from '../tasks/proof-checks/default-checks';
import { ImageFactsReader } from '../tasks/proof-checks/image-facts';
import { ProofCheckRunner } from '../tasks/proof-checks/proof-check-runner';
import { probeTesseract } from '../tasks/proof-checks/tesseract-ocr';

/** The proof check workers with this machine's OCR (probed once: without tesseract the bot says so and goes on). */
export async function createProofChecks(
  config: Config,
  deps: { store: Store; clock: Clock; log: Logger; outbox: OutboxPort },
): Promise<ProofCheckRunner> {
  const ocr = config.PROOF_CHECK_WORKERS > 0 ? await probeTesseract(config.OCR_TESSERACT_PATH, deps.log) : undefined;
  const reader = new ImageFactsReader(ocr);
  const checks = defaultProofChecks(reader, config.BOT_TIMEZONE);
  return new ProofCheckRunner({ ...deps, checks, reader }, config.PROOF_CHECK_WORKERS);
}
