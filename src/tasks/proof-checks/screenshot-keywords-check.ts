import type { ProofCheck } from './proof-check';
import type { ImageFactsReader } from './image-facts';
import { compactText } from './note-similarity';

const SHOWN_TEXT = 80;

/**
 * A task that asks for a screenshot (证明：截图) with 关键词 wants one of them on it: a screenshot of something else
 * is held. Without OCR on this machine the check is skipped (the bot said so at start).
 */
export function screenshotKeywordsCheck(reader: ImageFactsReader): ProofCheck {
  return {
    name: 'missing-keywords',
    async check({ task, images }) {
      const keywords = task.proofKeywords ?? [];
      if (!task.screenshotProof || keywords.length === 0 || !reader.ocr || images.length === 0) return [];
      const texts = await Promise.all(images.map(async (i) => (await reader.read(i)).text ?? ''));
      const flat = compactText(texts.join(''));
      if (keywords.some((k) => compactText(k) && flat.includes(compactText(k)))) return [];
      return [
        {
          code: 'missing-keywords',
          reason: `截图里没有找到任务要求的关键词（${keywords.join('、')}）`,
          detail: { 读到的文字: flat.slice(0, SHOWN_TEXT) || '（没有读出文字）' },
        },
      ];
    },
  };
}
