/** WeCom's size limits are UTF-8 bytes (text 2048, markdown 4096), and a CJK character is 3 of them. */
export const TEXT_MAX_BYTES = 2048;
export const MARKDOWN_MAX_BYTES = 4096;
