const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
const NAME = /^[A-Za-z_][\w.-]*$/;
const CDATA_OPEN = '<![CDATA[';

/** The text of one element being read: CDATA kept exactly, plain text trimmed and unescaped. */
interface Leaf {
  name: string;
  parts: string[];
  cdata: boolean;
}

function decodeText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]);
}

/** Index just past `token` searched from `from`; throws when it never comes (an unclosed construct). */
function after(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from);
  if (at < 0) throw new SyntaxError(`unclosed ${token === ']]>' ? 'CDATA section' : 'tag'}`);
  return at + token.length;
}

function leafValue(leaf: Leaf): string {
  if (leaf.cdata) return leaf.parts.join('');
  return decodeText(leaf.parts.join('').trim());
}

/**
 * WeCom's callback XML is one flat `<xml>` of fields, each either CDATA or plain text (docs 96467). Reading the
 * CDATA exactly matters: whitespace around the Encrypt value breaks its signature (WxJava#1634).
 * The envelope is read before its signature can be checked, so this is one forward scan with `indexOf`: every
 * character is looked at a bounded number of times whatever a stranger sends (a backtracking regex was quadratic).
 * Container elements (some events nest a list) are stepped into; the first leaf of each name wins.
 */
export function parseFlatXml(xml: string): Map<string, string> {
  const doc = xml.trim();
  if (!doc.startsWith('<xml>') || !doc.endsWith('</xml>')) throw new SyntaxError('not an <xml> document');
  const end = doc.length - '</xml>'.length;
  const fields = new Map<string, string>();
  let leaf: Leaf | undefined;
  let pos = '<xml>'.length;
  while (pos < end) {
    const lt = doc.indexOf('<', pos);
    const textEnd = lt < 0 || lt > end ? end : lt;
    if (leaf && textEnd > pos) leaf.parts.push(leaf.cdata ? doc.slice(pos, textEnd).trim() : doc.slice(pos, textEnd));
    if (textEnd === end) break;
    if (doc.startsWith(CDATA_OPEN, lt)) {
      const close = after(doc, ']]>', lt + CDATA_OPEN.length);
      if (leaf) {
        if (!leaf.cdata) leaf.parts = leaf.parts.filter((p) => p.trim() !== '');
        leaf.cdata = true;
        leaf.parts.push(doc.slice(lt + CDATA_OPEN.length, close - 3));
      }
      pos = close;
      continue;
    }
    const gt = after(doc, '>', lt + 1);
    const tag = doc.slice(lt + 1, gt - 1);
    pos = gt;
    if (tag.startsWith('/')) {
      if (leaf && leaf.name === tag.slice(1) && !fields.has(leaf.name)) fields.set(leaf.name, leafValue(leaf));
      leaf = undefined;
    } else {
      leaf = NAME.test(tag) ? { name: tag, parts: [], cdata: false } : undefined;
    }
  }
  return fields;
}

/** CDATA that survives any content: "]]>" is split across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Builds a flat `<xml>`; numbers are written bare, strings as CDATA (the official templates' form). */
export function buildFlatXml(fields: Array<[string, string | number]>): string {
  const inner = fields.map(([k, v]) => `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`).join('');
  return `<xml>${inner}</xml>`;
}
