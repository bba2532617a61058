/**
 * Who sent each message of Messages.csv, so that a reply names the person it answers (the sender of its
 * replied_to_id) wherever in the file that message is: the export is not ordered by thread. Built in a first
 * pass over the file and held in typed arrays (12 bytes a message: 10 million messages take 120 MB at most),
 * with senders interned. Messages past MAX_INDEXED_MESSAGES are not indexed: replies to them get no target
 * (the run warns). Ids that are not safe integers are not indexed either (Yammer ids are well below 2^53).
 */
export const MAX_INDEXED_MESSAGES = 10_000_000;

const NOT_A_PERSON = -1;

export class MessageIndex {
  private ids = new Float64Array(1024);
  private senders = new Int32Array(1024);
  private size = 0;
  private sorted = true;
  private readonly senderIds: string[] = [];
  private readonly senderIndex = new Map<string, number>();
  /** Messages that could not be indexed (over the limit): replies to them cannot be resolved. */
  overflow = 0;

  constructor(private readonly limit = MAX_INDEXED_MESSAGES) {}

  /** Records a message and its sender's user id (null: not a person). */
  add(messageId: string, senderId: string | null): void {
    const id = Number(messageId);
    if (!Number.isSafeInteger(id)) return;
    if (this.size >= this.limit) {
      this.overflow++;
      return;
    }
    if (this.size === this.ids.length) this.grow();
    if (this.size > 0 && id < this.ids[this.size - 1]) this.sorted = false;
    this.ids[this.size] = id;
    this.senders[this.size] = senderId === null ? NOT_A_PERSON : this.intern(senderId);
    this.size++;
  }

  /** Sorts the index for lookups (exports are usually in id order already: then nothing moves). */
  seal(): void {
    if (this.sorted) return;
    const order = new Uint32Array(this.size).map((_, index) => index);
    order.sort((a, b) => this.ids[a] - this.ids[b]);
    const ids = new Float64Array(this.size);
    const senders = new Int32Array(this.size);
    order.forEach((from, to) => {
      ids[to] = this.ids[from];
      senders[to] = this.senders[from];
    });
    this.ids = ids;
    this.senders = senders;
    this.sorted = true;
  }

  /** The sender's user id of a message: undefined when the message is not in the export, null when not a person. */
  senderOf(messageId: string): string | null | undefined {
    const id = Number(messageId);
    if (!Number.isSafeInteger(id)) return undefined;
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.ids[middle];
      if (at === id) {
        const sender = this.senders[middle];
        return sender === NOT_A_PERSON ? null : this.senderIds[sender];
      }
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private intern(senderId: string): number {
    let index = this.senderIndex.get(senderId);
    if (index === undefined) {
      index = this.senderIds.length;
      this.senderIds.push(senderId);
      this.senderIndex.set(senderId, index);
    }
    return index;
  }

  private grow(): void {
    const capacity = Math.min(this.ids.length * 2, Math.max(this.limit, 1024));
    const ids = new Float64Array(capacity);
    ids.set(this.ids);
    const senders = new Int32Array(capacity);
    senders.set(this.senders);
    this.ids = ids;
    this.senders = senders;
  }
}
