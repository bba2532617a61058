import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  firstInvalidUtf8Byte,
  jsonProblems,
  MAX_JSON_DEPTH,
  rejectUnsafeUrl,
  verifyUtf8Body,
} from './request-hygiene';

describe('jsonProblems', () => {
  it('accepts ordinary bodies', () => {
    expect(jsonProblems({ name: 'Zoë 😀', events: [{ actorId: 'a@b.c', count: 2 }], ok: null })).toEqual([]);
  });

  it('names the path of NUL and lone surrogates in values and keys, in document order', () => {
    expect(
      jsonProblems({
        name: 'a\u0000b',
        events: [{ actorId: 'ok' }, { actorId: 'x\ud800' }],
        'odd key\u0000': 1,
      }),
    ).toEqual([
      'body["odd key\\u0000"]: the key contains a NUL character (U+0000)',
      'body.name: contains a NUL character (U+0000)',
      'body.events[1].actorId: contains a lone surrogate (not valid Unicode)',
    ]);
  });

  it(`stops at ${MAX_JSON_DEPTH} levels, without recursion, even 100,000 deep`, () => {
    const deepArray = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(jsonProblems(deepArray)).toEqual([
      `body: nested deeper than ${MAX_JSON_DEPTH} levels (at body${'[0]'.repeat(12)}…${'[0]'.repeat(13)})`,
    ]);
    const deepObject = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    expect(jsonProblems(deepObject)[0]).toMatch(/^body: nested deeper than 32 levels \(at body\.a\.a/);
    let allowed: unknown = 'leaf';
    for (let level = 0; level < MAX_JSON_DEPTH; level++) allowed = [allowed];
    expect(jsonProblems(allowed)).toEqual([]);
  });
});

describe('verifyUtf8Body', () => {
  it('refuses bytes that are not UTF-8 with their position, before they could become U+FFFD', () => {
    expect(() => verifyUtf8Body(null, null, Buffer.from('{"name":"Zoë"}'))).not.toThrow();
    const bad = Buffer.concat([Buffer.from('{"email":"ann'), Buffer.from([0xff]), Buffer.from('@x.org"}')]);
    expect(() => verifyUtf8Body(null, null, bad)).toThrow(BadRequestException);
    try {
      verifyUtf8Body(null, null, bad);
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toMatchObject({
        message: ['body: not valid UTF-8 (byte 13); send the JSON encoded as UTF-8'],
      });
    }
  });

  it('finds overlong forms, encoded surrogates and truncated sequences', () => {
    expect(firstInvalidUtf8Byte(Buffer.from('añ€😀'))).toBe(-1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // U+D800
    expect(firstInvalidUtf8Byte(Buffer.from([0xe2, 0x82]))).toBe(0); // cut short
    expect(firstInvalidUtf8Byte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // > U+10FFFF
  });
});

describe('rejectUnsafeUrl', () => {
  const run = (url: string): unknown => {
    let passed: unknown = 'not called';
    rejectUnsafeUrl({ url } as Request, {} as Response, (error?: unknown) => (passed = error));
    return passed;
  };
  const messages = (url: string) =>
    ((run(url) as BadRequestException).getResponse() as { message: string[] }).message;

  it('lets ordinary URLs through', () => {
    expect(
      run('/api/organisations/x/kpis/adoption?from=2026-01-01&to=2026-03-01&q=Zo%C3%AB+L'),
    ).toBeUndefined();
    expect(run('/api/x?%=odd&flag')).toBeUndefined();
  });

  it('names the query parameter or the path holding NUL, bytes that are not UTF-8 or an encoded surrogate', () => {
    expect(messages('/api/x?from=2026-01-01&to=%00')).toEqual([
      'query parameter "to": contains a NUL character (%00)',
    ]);
    expect(messages('/api/x?name=ann%FF%40x.org&a%ED%A0%80=1')).toEqual([
      'query parameter "name": not valid UTF-8 once percent-decoded (byte 3)',
      'query parameter "a\ufffd\ufffd\ufffd": not valid UTF-8 once percent-decoded (byte 1)',
    ]);
    expect(messages('/api/organisations/%00/kpis')).toEqual(['path: contains a NUL character (%00)']);
  });
});
