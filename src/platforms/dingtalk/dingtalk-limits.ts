/** Robot text stays well under DingTalk's limits (webhook body ≈20,000 bytes, OpenAPI msgParam 15,000 bytes). */
export const MAX_TEXT_BYTES = 12_000;
