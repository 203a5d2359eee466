import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS } from './roster-columns';
import { addSheet, newWorkbook } from './workbook';

/** Rows that get drop-down lists in the template (a roster of a county is about 2,000 members). */
const VALIDATED_ROWS = 3000;

/** The empty roster to fill in: the header row, drop-downs where choices are fixed, and a sheet explaining each column. */
export function rosterTemplate(now: Date): ExcelJS.Workbook {
  const wb = newWorkbook(now);
  const ws = addSheet(
    wb,
    '党员名单',
    ROSTER_COLUMNS.map((c) => ({ header: c.header, width: c.width, text: c.text, value: () => undefined })),
    [],
  );
  ROSTER_COLUMNS.forEach((c, i) => {
    if (!c.choices) return;
    const letter = ws.getColumn(i + 1).letter;
    // exceljs keeps range validations as one rule; it is not in its typings.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${VALIDATED_ROWS + 1}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `可填：${c.choices.join('、')}`,
      },
    );
  });
  addSheet(
    wb,
    '填写说明',
    [
      { header: '列名', width: 12, value: (c: (typeof ROSTER_COLUMNS)[number]) => c.header },
      { header: '是否必填', width: 10, value: (c) => (c.required ? '必填' : '选填') },
      { header: '填写要求', width: 48, value: (c) => c.rule },
      { header: '示例', width: 16, text: true, value: (c) => c.example || undefined },
    ],
    ROSTER_COLUMNS,
  );
  const notes = wb.getWorksheet('填写说明')!;
  notes.addRow([]);
  notes.addRow(['说明', '', '每行一名党员；空白单元格不会清空系统里已有的信息。先「检查」，确认无误后再「导入」。']);
  return wb;
}
