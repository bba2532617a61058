import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Connector credentials at rest: AES-256-GCM (authenticated) with the key from configuration.
 * Layout: version (1 byte) | IV (12) | auth tag (16) | ciphertext. The version byte leaves room for key rotation.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt stored secret: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
}

export function encryptSecret(key: Buffer, plaintext: Buffer | string): Buffer {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptSecret(key: Buffer, blob: Buffer): Buffer {
  assertKey(key);
  if (blob.length < 1 + IV_BYTES + TAG_BYTES) throw new SecretDecryptionError('too short');
  if (blob[0] !== VERSION) throw new SecretDecryptionError(`unknown format version ${blob[0]}`);
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SecretDecryptionError('wrong key or tampered data');
  }
}

export function encryptJson(key: Buffer, value: unknown): Buffer {
  return encryptSecret(key, JSON.stringify(value));
}

export function decryptJson<T>(key: Buffer, blob: Buffer): T {
  return JSON.parse(decryptSecret(key, blob).toString('utf8')) as T;
}
