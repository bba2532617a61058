/**
 * Text that cannot be stored or compared safely: Postgres `text` rejects NUL (one such value would fail a
 * whole batch), and a lone UTF-16 surrogate has no UTF-8 encoding (it would be written, and hashed, as
 * U+FFFD, so two different values would become one).
 */
export function unsafeTextProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (!value.isWellFormed()) return 'contains a lone surrogate (not valid Unicode)';
  return null;
}

/** What a lenient UTF-8 decoder puts where the bytes were not UTF-8. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * An identity key (e-mail, user id) must also be free of U+FFFD: it only appears where bytes that were
 * not UTF-8 were decoded, and two different people whose addresses differ in those bytes would merge.
 */
export function identityProblem(value: string): string | null {
  const unsafe = unsafeTextProblem(value);
  if (unsafe) return unsafe;
  if (value.includes(REPLACEMENT_CHARACTER)) {
    return 'contains U+FFFD (bytes that were not valid UTF-8): it could merge two different people';
  }
  return null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decoding: the text, or null when the bytes are not valid UTF-8 (never U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}
