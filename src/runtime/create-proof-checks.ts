import type { Logger } from 'pino';
import type { Config } from '../config/load-config';
import type { OutboxPort } from '../outbox/outbox-port';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import type { Arrivals } from '../bot/arrivals';
import { defaultProofChecks } from '../tasks/proof-checks/default-checks';
import { ImageFactsReader } from '../tasks/proof-checks/image-facts';
import { ProofCheckRunner } from '../tasks/proof-checks/proof-check-runner';
import { probeTesseract, type Ocr } from '../tasks/proof-checks/tesseract-ocr';

/**
 * This machine's OCR, probed once (without tesseract the bot says so and goes on). Started before the store opens
 * and awaited by `createProofChecks`: the probe runs tesseract in a process of its own, so start-up need not wait
 * for it after everything else.
 */
export function probeOcr(config: Config, log: Logger): Promise<Ocr | undefined> {
  return config.PROOF_CHECK_WORKERS > 0 ? probeTesseract(config.OCR_TESSERACT_PATH, log) : Promise.resolve(undefined);
}

/** The proof check workers with the OCR `probeOcr` found; they step aside while `arrivals` says callbacks keep coming. */
export async function createProofChecks(
  config: Config,
  deps: { store: Store; clock: Clock; log: Logger; outbox: OutboxPort },
  probed: Promise<Ocr | undefined>,
  arrivals?: Arrivals,
): Promise<ProofCheckRunner> {
  const ocr = await probed;
  const reader = new ImageFactsReader(ocr);
  const checks = defaultProofChecks(reader, config.BOT_TIMEZONE);
  return new ProofCheckRunner({ ...deps, checks, reader }, config.PROOF_CHECK_WORKERS, arrivals);
}
