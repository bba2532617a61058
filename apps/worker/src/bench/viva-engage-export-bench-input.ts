/**
 * The Viva Engage export of the ingestion benchmark: a network data export zip (`Users.csv`, `Groups.csv`,
 * `Messages.csv` in the documented columns) of N messages, deterministic, streamed row by row into the zip
 * with yazl so that memory stays flat whatever N is.
 *
 * Shape: 5,000 users in 20 departments, 50 communities (every tenth private). Every fifth message starts a
 * thread in a community; the next four reply to the root or to the previous reply of that thread; messages
 * are 30 s apart (a year for 1M); one message in twenty is a private-conversation chat. Replies may come before the message they
 * answer in the file (the export is not ordered by thread): every tenth block is written in reverse.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export const BENCH_USERS = 5_000;
const DEPARTMENTS = 20;
const COMMUNITIES = 50;
const THREAD_LENGTH = 5;
/** Rows generated per chunk handed to yazl. */
const ROWS_PER_CHUNK = 2_000;
const START = Date.UTC(2024, 0, 1, 8);
const MESSAGE_SPACING_MS = 30_000;
/** Bounds the generated size: the connector itself takes at most 10 million messages for reply targets. */
export const MAX_BENCH_MESSAGES = 10_000_000;

const MESSAGE_HEADER =
  'id,replied_to_id,thread_id,conversation_id,group_id,group_name,participants,in_private_group,' +
  'in_private_conversation,sender_id,sender_type,sender_name,sender_email,body,api_url,attachments,' +
  'deleted_by_id,deleted_by_type,created_at,deleted_at\n';

/** "2024-03-04 09:15:02 UTC", as the export writes times. */
function exportTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}

function userId(index: number): number {
  return 100_000 + index;
}

function email(index: number): string {
  return `user${index}@bench.example`;
}

/** A deterministic pseudo-random stream (mulberry32), so two runs write the same export. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function* userRows(): Generator<string> {
  yield 'id,name,email,job_title,location,department,api_url,deleted_by_id,deleted_by_type,joined_at,deleted_at,suspended_by_id,suspended_by_type,suspended_at,guid,state,guest\n';
  for (let index = 0; index < BENCH_USERS; index++) {
    const id = userId(index);
    const joined = exportTime(Date.UTC(2022, 0, 1) + (index % 700) * 86_400_000);
    yield `${id},User ${index},${email(index)},Engineer,Berlin,Department ${index % DEPARTMENTS},https://www.yammer.com/api/v1/users/${id},,,${joined},,,,,g${id},active,false\n`;
  }
}

function* groupRows(): Generator<string> {
  yield 'id,name,description,private,external,created_at,updated_at,deleted_at,api_url\n';
  for (let index = 0; index < COMMUNITIES; index++) {
    const id = 500 + index;
    yield `${id},Community ${index},,${index % 10 === 9},false,2022-01-01 09:00:00 UTC,,,https://www.yammer.com/api/v1/groups/${id}\n`;
  }
}

interface Message {
  id: number;
  repliedTo: number | null;
  thread: number;
  conversation: number;
  group: number | null;
  privateConversation: boolean;
  sender: number;
  at: number;
}

function messageRow(message: Message, next: () => number): string {
  const group = message.group === null ? '' : String(message.group);
  const groupName = message.group === null ? '' : `Community ${message.group - 500}`;
  const privateGroup = message.group !== null && (message.group - 500) % 10 === 9;
  const body = 'x'.repeat(20 + Math.floor(next() * 180));
  return [
    message.id,
    message.repliedTo ?? '',
    message.thread,
    message.conversation,
    group,
    groupName,
    '',
    privateGroup,
    message.privateConversation,
    userId(message.sender),
    'user',
    `User ${message.sender}`,
    email(message.sender),
    body,
    `https://www.yammer.com/api/v1/messages/${message.id}`,
    '',
    '',
    '',
    exportTime(message.at),
    '',
  ].join(',');
}

/** The rows of Messages.csv, a chunk of ROWS_PER_CHUNK at a time. */
function* messageChunks(messages: number): Generator<Buffer> {
  const next = random(42);
  yield Buffer.from(MESSAGE_HEADER);
  let rows: string[] = [];
  let block: Message[] = [];
  let thread = { root: 0, last: 0, group: 0 as number | null };
  const flush = (blockNumber: number) => {
    if (blockNumber % 10 === 9) block.reverse();
    for (const message of block) rows.push(messageRow(message, next));
    block = [];
  };
  for (let index = 0; index < messages; index++) {
    const id = 10_000_000 + index;
    const at = START + index * MESSAGE_SPACING_MS;
    const sender = Math.floor(next() * BENCH_USERS);
    if (index % 20 === 19) {
      const conversation = 900_000 + Math.floor(next() * 20_000);
      block.push({
        id,
        repliedTo: null,
        thread: id,
        conversation,
        group: null,
        privateConversation: true,
        sender,
        at,
      });
    } else if (index % THREAD_LENGTH === 0) {
      const roll = next();
      const group = roll < 0.05 ? null : 500 + Math.floor(roll * COMMUNITIES);
      thread = { root: id, last: id, group };
      block.push({
        id,
        repliedTo: null,
        thread: id,
        conversation: id,
        group,
        privateConversation: false,
        sender,
        at,
      });
    } else {
      const repliedTo = next() < 0.5 ? thread.root : thread.last;
      block.push({
        id,
        repliedTo,
        thread: thread.root,
        conversation: thread.root,
        group: thread.group,
        privateConversation: false,
        sender,
        at,
      });
      thread.last = id;
    }
    if (block.length === THREAD_LENGTH * 4) flush(Math.floor(index / (THREAD_LENGTH * 4)));
    if (rows.length >= ROWS_PER_CHUNK) {
      yield Buffer.from(rows.join('\n') + '\n');
      rows = [];
    }
  }
  flush(0);
  if (rows.length > 0) yield Buffer.from(rows.join('\n') + '\n');
}

function textStream(lines: Iterable<string>): Readable {
  return Readable.from(
    (function* () {
      for (const line of lines) yield Buffer.from(line);
    })(),
  );
}

/** Writes the export zip of `messages` messages to `file`; returns the number of messages written. */
export async function writeVivaEngageExport(file: string, messages: number): Promise<number> {
  if (!Number.isInteger(messages) || messages < 1 || messages > MAX_BENCH_MESSAGES) {
    throw new RangeError(`messages must be an integer from 1 to ${MAX_BENCH_MESSAGES}, got ${messages}`);
  }
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(file));
  zip.addReadStreamLazy('Users.csv', (done) => done(null, textStream(userRows())));
  zip.addReadStreamLazy('Groups.csv', (done) => done(null, textStream(groupRows())));
  zip.addReadStreamLazy('Messages.csv', (done) => done(null, Readable.from(messageChunks(messages))));
  zip.end();
  await written;
  return messages;
}
