import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from './passwords';
import { decryptJson, decryptSecret, encryptJson, encryptSecret, SecretDecryptionError } from './secrets';
import { hashToken, looksLikeToken, newToken } from './tokens';

describe('secrets', () => {
  const key = randomBytes(32);

  it('round-trips JSON and never stores the plaintext', () => {
    const blob = encryptJson(key, { token: 'xoxb-secret-123' });
    expect(blob.toString('latin1')).not.toContain('xoxb-secret-123');
    expect(decryptJson(key, blob)).toEqual({ token: 'xoxb-secret-123' });
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret(key, 'same').equals(encryptSecret(key, 'same'))).toBe(false);
  });

  it('refuses a wrong key and tampered data', () => {
    const blob = encryptSecret(key, 'secret');
    expect(() => decryptSecret(randomBytes(32), blob)).toThrow(SecretDecryptionError);
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decryptSecret(key, tampered)).toThrow('wrong key or tampered data');
    expect(() => decryptSecret(key, Buffer.from([9, 1, 2]))).toThrow('too short');
  });
});

describe('tokens', () => {
  it('are prefixed, random, and hashed with SHA-256', () => {
    const a = newToken('upt');
    const b = newToken('upt');
    expect(a.token).toMatch(/^upt_/);
    expect(a.token).not.toBe(b.token);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(looksLikeToken('upt_short')).toBe(false);
    expect(hashToken(a.token).equals(a.hash)).toBe(true);
    expect(a.hash).toHaveLength(32);
  });
});

describe('passwords', () => {
  it('verifies the right password only, and rejects short ones', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'wrong horse battery')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    await expect(hashPassword('short')).rejects.toThrow('at least 12 characters');
  });
});
