import { PERSON_LIMITS } from './people.types';

// Digits with what people write around them: a leading +, spaces, dots, dashes, slashes, parentheses, an extension.
const PHONE_RE = /^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?|extension)\s*\d+)?$/i;

/**
 * A phone number as written, spacing tidied (a `tel:` URI prefix dropped), or null when it is not
 * one: fewer than 3 digits, other characters, or longer than a person takes.
 */
export function normalizePhone(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const phone = raw.replace(/^tel:/i, '').replace(/\s+/g, ' ').trim();
  if (!phone || phone.length > PERSON_LIMITS.phone || !PHONE_RE.test(phone)) return null;
  return (phone.match(/\d/g) ?? []).length >= 3 ? phone : null;
}

/** The same number however it is spaced: its digits, with the + kept. */
export function phoneKey(phone: string): string {
  return `${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;
}
