import exifr from 'exifr';
import type { ProofImage } from './proof-check';
import type { Ocr } from './tesseract-ocr';
import { datesInText, exifDate } from './dates-in-text';

export interface ImageFacts {
  /** When the camera says it was taken (YYYY-MM-DD HH:mm), from EXIF. */
  exifTakenAt?: string;
  /** The text OCR read (absent without OCR). */
  text?: string;
  /** Dates written on the image (YYYY-MM-DD), read by OCR. */
  shownDates: string[];
}

const MEMO_LIMIT = 256;

async function readExif(bytes: Buffer): Promise<string | undefined> {
  try {
    const tags = (await exifr.parse(bytes, {
      pick: ['DateTimeOriginal', 'CreateDate', 'ModifyDate'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
    return exifDate(tags?.DateTimeOriginal) ?? exifDate(tags?.CreateDate) ?? exifDate(tags?.ModifyDate);
  } catch {
    return undefined; // no EXIF, or not an image exifr knows: nothing to read
  }
}

/**
 * What an image says about itself, read once per image (the date check and the keyword check both need the OCR
 * text; a tesseract run takes a second). Remembered by content hash for the last few hundred images.
 */
export class ImageFactsReader {
  private readonly memo = new Map<string, Promise<ImageFacts>>();

  constructor(readonly ocr: Ocr | undefined) {}

  read(image: ProofImage): Promise<ImageFacts> {
    let facts = this.memo.get(image.sha256);
    if (!facts) {
      facts = this.readNow(image);
      facts.catch(() => this.memo.delete(image.sha256));
      if (this.memo.size >= MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value!);
      this.memo.set(image.sha256, facts);
    }
    return facts;
  }

  private async readNow(image: ProofImage): Promise<ImageFacts> {
    const exifTakenAt = await readExif(image.bytes);
    const text = this.ocr ? (await this.ocr.read(image.bytes)).trim() : undefined;
    return { exifTakenAt, text, shownDates: text ? datesInText(text) : [] };
  }
}
