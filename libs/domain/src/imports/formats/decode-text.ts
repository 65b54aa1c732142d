/**
 * Turns an uploaded file into text. UTF-8 is the norm; UTF-16 (BOM-marked, e.g. Outlook vCards)
 * and legacy Windows-1252 files still turn up, so fall back rather than produce U+FFFD garbage.
 * The leading BOM is always removed.
 */
export function decodeText(input: string | Buffer): string {
  const text = typeof input === 'string' ? input : decodeBuffer(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function decodeBuffer(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('windows-1252').decode(buf);
  }
}

/** Splits on CRLF, LF or lone CR (old Mac exports). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
