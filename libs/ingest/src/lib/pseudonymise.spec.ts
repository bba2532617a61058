import { randomBytes } from 'node:crypto';
import { pseudonymise } from './pseudonymise';

describe('pseudonymise', () => {
  const key = randomBytes(32);

  it('is stable per organisation key and normalises case and spaces', () => {
    expect(pseudonymise(key, ' Alice@Example.com ')).toBe(pseudonymise(key, 'alice@example.com'));
  });

  it('differs between organisations and between people', () => {
    expect(pseudonymise(key, 'U123')).not.toBe(pseudonymise(randomBytes(32), 'U123'));
    expect(pseudonymise(key, 'U123')).not.toBe(pseudonymise(key, 'U124'));
  });

  it('does not contain the original id', () => {
    expect(pseudonymise(key, 'U123')).not.toContain('U123');
    expect(pseudonymise(key, 'U123')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('rejects an empty id', () => {
    expect(() => pseudonymise(key, '  ')).toThrow('cannot pseudonymise an empty user id');
  });
});
