import { MessageIndex } from './message-index';

describe('MessageIndex', () => {
  it('finds senders in any order, tells bots from messages it does not hold', () => {
    const index = new MessageIndex();
    for (let id = 5_000; id > 0; id--) index.add(String(id), id % 10 === 0 ? null : `u${id % 7}`);
    index.seal();
    expect(index.senderOf('4999')).toBe(`u${4999 % 7}`);
    expect(index.senderOf('10')).toBeNull();
    expect(index.senderOf('5001')).toBeUndefined();
    expect(index.senderOf('not-an-id')).toBeUndefined();
  });

  it('counts what it could not index once full', () => {
    const index = new MessageIndex(2);
    index.add('1', 'a');
    index.add('2', 'b');
    index.add('3', 'c');
    index.seal();
    expect(index.overflow).toBe(1);
    expect(index.senderOf('2')).toBe('b');
    expect(index.senderOf('3')).toBeUndefined();
  });
});
