import zlib from 'node:zlib';
import { RosterFileError } from './roster-file-error';

/** A county roster of 2,000 members is about 1 MB of sheet XML; these leave ten times the room and no more. */
export const XLSX_LIMITS = { uncompressedBytes: 30 * 1024 * 1024, entries: 2_000, rows: 20_000 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64 = 0xffffffff;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

const tooBig = () =>
  new RosterFileError(
    `文件解压后超过 ${XLSX_LIMITS.uncompressedBytes / 1024 / 1024} MB，不像是党员名单（2000 人的名单约 1 MB）。` +
      '请在 Excel 中只保留名单工作表、删去图片和多余内容后另存为 .xlsx 再上传，或另存为 .csv 上传',
  );
const broken = () =>
  new RosterFileError('无法读取这个 .xlsx 文件（文件可能已损坏或加了密码），请用 Excel 打开后重新保存再上传');

/** The end-of-central-directory record: searched backwards over the comment (at most 64 KB). */
function findEnd(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  throw broken();
}

/** The central directory, read without inflating anything: names, methods and the sizes each entry declares. */
function centralDirectory(zip: Buffer): Entry[] {
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === ZIP64) throw tooBig();
  if (count > XLSX_LIMITS.entries) throw tooBig();
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw broken();
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      uncompressed: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** An entry's bytes, inflated never beyond what it declared: a lying size fails here instead of filling memory. */
function inflateBounded(zip: Buffer, e: Entry): Buffer {
  const at = e.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw broken();
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + e.compressed);
  let out: Buffer;
  try {
    out = e.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressed) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
    throw broken();
  }
  if (out.length !== e.uncompressed) throw tooBig();
  return out;
}

function countRows(xml: Buffer): number {
  return xml.toString('utf8').match(/<(?:\w+:)?row[\s>]/g)?.length ?? 0;
}

/**
 * Refuses an .xlsx before the workbook reader inflates it: a zip bomb of a few hundred KB holds gigabytes once
 * parsed. First the central directory's declared sizes (no inflating), then each entry is inflated with its
 * declared size as a hard cap (so a lie costs at most that much), counting the rows of every worksheet.
 */
export function checkXlsxLimits(zip: Buffer): void {
  const entries = centralDirectory(zip);
  const total = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  if (entries.some((e) => e.uncompressed === ZIP64 || e.compressed === ZIP64) || total > XLSX_LIMITS.uncompressedBytes)
    throw tooBig();
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw broken();
    const bytes = inflateBounded(zip, e);
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
    const rows = countRows(bytes);
    if (rows > XLSX_LIMITS.rows) {
      throw new RosterFileError(
        `名单有 ${rows} 行，超过一次导入的上限 ${XLSX_LIMITS.rows} 行。请把名单分成几个文件（每个不超过 ${XLSX_LIMITS.rows} 行）分别导入`,
      );
    }
  }
}
