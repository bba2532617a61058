/** Passwords are hashed with argon2id (the library's defaults follow the OWASP recommendation). */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * The argon2 native addon, loaded on the first hash or verification: the worker imports this library for
 * credential encryption only and never hashes a password, and the addon is about 2 MB of its memory.
 */
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
function loadArgon2(): Promise<typeof import('@node-rs/argon2')> {
  argon2 ??= import('@node-rs/argon2');
  return argon2;
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return (await loadArgon2()).hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await loadArgon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so both paths take the same time. */
let decoy: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoy ??= loadArgon2().then(({ hash }) => hash('decoy-password-that-never-matches'));
  return decoy;
}
