import zlib from 'node:zlib';

const NS = 'http://schemas.openxmlformats.org';
const PARTS: Array<[string, string]> = [
  [
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  ],
  [
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  ],
];
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData><row r="1">${cell('A1', '姓名')}${cell('B1', '流入地')}</row>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const row = (r: number) => `<row r="${r}">${cell(`A${r}`, '张三')}${cell(`B${r}`, '广东广州')}</row>`;
const MB = 1024 * 1024;

interface Part {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

/**
 * Deflates the sheet in 1 MB steps, so a bomb of hundreds of MB never sits in memory whole: `rows` data rows, then
 * optionally one more row whose single cell holds `fillerBytes` of text (what compresses ~1000:1).
 */
async function deflateSheet(rows: number, fillerBytes: number): Promise<Part> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(SHEET_HEAD));
  for (let r = 2; r < rows + 2; r += 10_000) {
    await write(Buffer.from(Array.from({ length: Math.min(10_000, rows + 2 - r) }, (_, i) => row(r + i)).join('')));
  }
  if (fillerBytes > 0) {
    await write(Buffer.from(`<row r="${rows + 2}"><c r="A${rows + 2}" t="inlineStr"><is><t>`));
    const chunk = Buffer.alloc(MB, 'A');
    for (let left = fillerBytes; left > 0; left -= MB) await write(left >= MB ? chunk : chunk.subarray(0, left));
    await write(Buffer.from('</t></is></c></row>'));
  }
  await write(Buffer.from(SHEET_TAIL));
  deflate.end();
  await done;
  return { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(out), crc, size };
}

function header(sig: number, p: Part, declared: number, nameBytes: Buffer, central: boolean, offset: number): Buffer {
  const b = Buffer.alloc(central ? 46 : 30);
  b.writeUInt32LE(sig, 0);
  let i = 4;
  if (central) {
    b.writeUInt16LE(20, i);
    i += 2;
  }
  b.writeUInt16LE(20, i);
  b.writeUInt16LE(0x0800, i + 2);
  b.writeUInt16LE(8, i + 4);
  b.writeUInt32LE(p.crc >>> 0, i + 10);
  b.writeUInt32LE(p.data.length, i + 14);
  b.writeUInt32LE(declared, i + 18);
  b.writeUInt16LE(nameBytes.length, i + 22);
  if (central) b.writeUInt32LE(offset, 42);
  return Buffer.concat([b, nameBytes]);
}

/**
 * A minimal real .xlsx (one sheet, header 姓名/流入地) with `rows` data rows, built here byte by byte. With
 * `fillerBytes` it is a zip bomb: one cell of hundreds of MB of text in a few hundred KB of file. `declaredSize`
 * makes the sheet's directory entry lie about its size.
 */
export async function xlsxWithRows(
  rows: number,
  opts: { fillerBytes?: number; declaredSize?: number } = {},
): Promise<Buffer> {
  const parts: Part[] = PARTS.map(([name, xml]) => {
    const raw = Buffer.from(xml);
    return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
  });
  parts.push(await deflateSheet(rows, opts.fillerBytes ?? 0));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const declared = p.name.includes('worksheets') && opts.declaredSize !== undefined ? opts.declaredSize : p.size;
    const name = Buffer.from(p.name);
    const local = Buffer.concat([header(0x04034b50, p, declared, name, false, 0), p.data]);
    centrals.push(header(0x02014b50, p, declared, name, true, offset));
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
