import type ExcelJS from 'exceljs';
import { decodeText, parseCsv } from './csv';
import { excelJs } from './load-exceljs';
import { RosterFileError } from './roster-file-error';
import { XLSX_LIMITS, checkXlsxLimits } from './xlsx-limits';

export interface TableRow {
  /** The row number a secretary sees in Excel (1-based, header included). */
  row: number;
  cells: string[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

/** The header row is the first of the first ten rows that names this column (a title row above it is common). */
const HEADER_MARK = '姓名';

/** Reads the first sheet of an .xlsx file or a .csv file into trimmed strings. */
export async function readTable(bytes: Buffer, fileName: string): Promise<Table> {
  const ext = fileName.toLowerCase().split('.').pop();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (ext === 'xls') throw new RosterFileError('不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 或 .csv 后再上传');
  if (ext === 'xlsx' || isZip) return fromGrid(await readXlsx(bytes));
  if (ext === 'csv' || ext === 'txt') return fromGrid(parseCsv(decodeText(bytes)));
  throw new RosterFileError(`不支持的文件类型「${fileName}」，请上传 .xlsx 或 .csv 文件（可先下载模板）`);
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  // Before exceljs sees it: its reader inflates every part into memory.
  checkXlsxLimits(bytes);
  const wb = new (excelJs().Workbook)();
  try {
    // exceljs declares its own Buffer type; the bytes are a Node Buffer as it expects.
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw new RosterFileError('无法读取这个 .xlsx 文件（文件可能已损坏或加了密码），请用 Excel 打开后重新保存再上传');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new RosterFileError('文件里没有工作表');
  const grid: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(grid, (r) => r ?? []);
}

/** A cell as the text a person typed: numbers without exponent, dates as YYYY-MM-DD, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

function fromGrid(grid: string[][]): Table {
  if (grid.length > XLSX_LIMITS.rows + 1) {
    throw new RosterFileError(
      `名单有 ${grid.length} 行，超过一次导入的上限 ${XLSX_LIMITS.rows} 行。请把名单分成几个文件分别导入`,
    );
  }
  const headerIndex = grid.slice(0, 10).findIndex((r) => r.some((c) => c.replace(/\s|\*/g, '') === HEADER_MARK));
  if (headerIndex < 0) throw new RosterFileError('没有找到表头：第一行应为列名，且包含「姓名」列（可先下载模板）');
  const headers = grid[headerIndex].map((h) => h.replace(/\s|\*|（必填）|\(必填\)/g, ''));
  const rows: TableRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i] ?? [];
    if (cells.some((c) => c.trim() !== ''))
      rows.push({ row: i + 1, cells: headers.map((_, k) => (cells[k] ?? '').trim()) });
  }
  return { headers, rows };
}
