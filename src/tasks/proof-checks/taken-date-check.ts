import { localDate } from '../../time/zoned-time';
import type { ProofCheck, ProofDoubt } from './proof-check';
import type { ImageFactsReader } from './image-facts';

/** The latest date an image gives (its EXIF date or a date written on it), with where it was read. */
function latestDate(
  exifTakenAt: string | undefined,
  shown: string[],
): { day: string; from: 'exif' | 'ocr' } | undefined {
  const exifDay = exifTakenAt?.slice(0, 10);
  const shownDay = shown.at(-1);
  if (exifDay && (!shownDay || exifDay >= shownDay)) return { day: exifDay, from: 'exif' };
  return shownDay ? { day: shownDay, from: 'ocr' } : undefined;
}

/**
 * A photo taken, or a screenshot dated, before the task was published is old proof. Only the latest date an image
 * gives counts (a score page shows older dates beside today's), and an image without a readable date passes.
 */
export function takenDateCheck(reader: ImageFactsReader, timezone: string): ProofCheck {
  return {
    name: 'taken-before-task',
    async check({ task, images }) {
      const published = localDate(new Date(task.createdAt), timezone);
      const doubts: ProofDoubt[] = [];
      for (const image of images) {
        const facts = await reader.read(image);
        const date = latestDate(facts.exifTakenAt, facts.shownDates);
        if (!date || date.day >= published) continue;
        const what = date.from === 'exif' ? `照片的拍摄日期 ${date.day}` : `截图上的日期 ${date.day}`;
        doubts.push({
          code: 'taken-before-task',
          reason: `${what} 早于任务发布日期 ${published}`,
          detail: {
            读到的日期: date.day,
            任务发布日期: published,
            来源: date.from === 'exif' ? '照片 EXIF' : '截图文字',
          },
        });
        break;
      }
      return doubts;
    },
  };
}
