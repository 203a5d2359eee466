import type ExcelJS from 'exceljs';
import { excelJs } from './load-exceljs';
import { formatLocal } from '../time/zoned-time';

export type CellInput = string | number | undefined;

export interface SheetColumn<T> {
  header: string;
  width: number;
  /** Text format: phone numbers and ids keep their digits and Excel does not reinterpret them. */
  text?: boolean;
  value(row: T): CellInput;
}

/** A timestamp as the secretary reads it (local time to the minute); an empty cell when there is none. */
export function localTimeCell(tz: string): (iso?: string) => string | undefined {
  return (iso) => (iso ? formatLocal(new Date(iso), tz, true) : undefined);
}

export function newWorkbook(now: Date): ExcelJS.Workbook {
  const wb = new (excelJs().Workbook)();
  wb.creator = 'zhibu-bot 支部机器人';
  wb.created = now;
  return wb;
}

/** One sheet: bold frozen Chinese header row with a filter, then the rows. */
export function addSheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn<T>[],
  rows: T[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.text ? { numFmt: '@' } : {} }));
  for (const row of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = c.value(row);
        return c.text && v !== undefined ? String(v) : v;
      }),
    );
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2E6E6' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment; filename*=` with the UTF-8 name, so Chinese file names survive every browser. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
