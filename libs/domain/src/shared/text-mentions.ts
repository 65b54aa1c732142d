/**
 * A SQL condition: `expression` (text) contains one of the lower-case strings in the text[]
 * parameter `$n`, case aside. Used to find what still names an erased person.
 */
export function mentionsSql(expression: string, param: number): string {
  return `EXISTS (SELECT 1 FROM unnest($${param}::text[]) AS needle(n) WHERE strpos(lower(${expression}), needle.n) > 0)`;
}

/** Whether `text` contains one of the lower-case `needles`, case aside. */
export function mentionsText(text: string | null | undefined, needles: string[]): boolean {
  if (!text) return false;
  const lower = text.toLowerCase();
  return needles.some((n) => lower.includes(n));
}

/** `text` with every occurrence of each lower-case needle, case aside, replaced by `replacement`. */
export function replaceMentions(text: string, needles: string[], replacement: string): string {
  let out = text;
  for (const needle of needles) {
    let at = out.toLowerCase().indexOf(needle);
    while (at >= 0) {
      out = out.slice(0, at) + replacement + out.slice(at + needle.length);
      at = out.toLowerCase().indexOf(needle, at + replacement.length);
    }
  }
  return out;
}
