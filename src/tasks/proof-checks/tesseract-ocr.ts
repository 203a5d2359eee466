import { execFile, spawn } from 'node:child_process';
import type { Logger } from 'pino';

/** Reads the text on an image. */
export interface Ocr {
  read(bytes: Buffer): Promise<string>;
}

const LANGS = 'chi_sim+eng';
const TIMEOUT_MS = 60_000;

function run(bin: string, args: string[], input?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'ignore'], timeout: TIMEOUT_MS });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`${bin} exited with ${code}`)),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Tesseract through its CLI: the image on stdin, the text on stdout, the language data installed by Debian. */
export function tesseractOcr(bin: string): Ocr {
  return { read: (bytes) => run(bin, ['stdin', 'stdout', '-l', LANGS], bytes) };
}

/**
 * The OCR this machine has, or undefined (said once in the log): without tesseract and its Chinese data the
 * screenshot date and keyword checks are skipped, never guessed.
 */
export async function probeTesseract(bin: string, log: Logger): Promise<Ocr | undefined> {
  const langs = await new Promise<string>((resolve) =>
    execFile(bin, ['--list-langs'], { timeout: 10_000 }, (err, stdout) => resolve(err ? '' : String(stdout))),
  );
  if (/^chi_sim$/m.test(langs)) return tesseractOcr(bin);
  log.warn(
    { bin },
    'screenshot OCR is unavailable (tesseract with chi_sim not found): screenshot dates and keywords are not checked; install tesseract-ocr and tesseract-ocr-chi-sim or set OCR_TESSERACT_PATH',
  );
  return undefined;
}
