/**
 * What PostgreSQL cannot keep in text or jsonb: the NUL character, and (in jsonb) a UTF-16
 * surrogate without its pair, which JSON can write as `\ud800`. The API refuses input holding either
 * (validation.ts); text from outside that must be kept anyway (a scholarly source's) is made storable.
 */
const NUL = '\u0000';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const LONE_SURROGATE_RE = new RegExp(LONE_SURROGATE);
const LONE_SURROGATES_RE = new RegExp(LONE_SURROGATE, 'g');

/** Which unstorable character the text holds, if any. */
export function unstorableCharacter(text: string): 'nul' | 'lone-surrogate' | null {
  if (text.includes(NUL)) return 'nul';
  return LONE_SURROGATE_RE.test(text) ? 'lone-surrogate' : null;
}

/** The text with its NUL characters dropped and each lone surrogate made U+FFFD (the replacement character). */
export function storableText(text: string): string {
  return text.replaceAll(NUL, '').replace(LONE_SURROGATES_RE, '\ufffd');
}
