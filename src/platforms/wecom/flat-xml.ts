const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/**
 * WeCom's callback XML is one flat `<xml>` of fields, each either CDATA or plain text (docs 96467). Reading the
 * CDATA exactly matters: whitespace around the Encrypt value breaks its signature (WxJava#1634).
 */
export function parseFlatXml(xml: string): Map<string, string> {
  const body = /<xml>([\s\S]*)<\/xml>/.exec(xml.trim());
  if (!body) throw new SyntaxError('not an <xml> document');
  const fields = new Map<string, string>();
  for (const m of body[1].matchAll(/<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)) {
    const value = m[2] ?? m[3].trim().replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]);
    if (!fields.has(m[1])) fields.set(m[1], value);
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
