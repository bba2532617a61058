import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An S3-compatible peer for tests: a node:http server on 127.0.0.1 that answers the S3 REST API calls the
 * spool makes the way the S3 API reference documents them (status codes, headers, XML bodies, error codes):
 * PutObject, CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, GetObject
 * (with Range), HeadObject, DeleteObject and ListObjectsV2 (prefix, delimiter, max-keys, continuation
 * tokens). Path-style addressing (http://host/bucket/key). Every request must carry a SigV4 Authorization
 * header (its form is checked, not the signature): one without gets 403 AccessDenied, as S3 answers.
 * Objects live in memory. `stop()` and `start()` again (same port) simulate an outage.
 */

export interface FakeS3Object {
  body: Buffer;
  etag: string;
  lastModified: Date;
}

export interface FakeS3Request {
  method: string;
  /** The S3 operation the request was recognised as ('Unknown' otherwise). */
  operation: string;
  key: string | null;
  /** The request's query parameters (max-keys, prefix, uploadId …). */
  query: URLSearchParams;
  status: number;
}

interface MultipartUpload {
  bucket: string;
  key: string;
  parts: Map<number, { body: Buffer; etag: string }>;
}

/** S3's minimum size of every part but the last (EntityTooSmall otherwise). */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[^/]+\/s3\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

export class FakeS3Server {
  readonly requests: FakeS3Request[] = [];
  private readonly buckets = new Map<string, Map<string, FakeS3Object>>();
  private readonly uploads = new Map<string, MultipartUpload>();
  private readonly sockets = new Set<Socket>();
  private server: http.Server | null = null;
  private port = 0;

  constructor(buckets: string[]) {
    for (const bucket of buckets) this.buckets.set(bucket, new Map());
  }

  /** Listens on 127.0.0.1 (a free port the first time, the same port after a stop). */
  async start(): Promise<this> {
    const server = http.createServer((request, response) => {
      void this.handle(request, response).catch((error: Error) => {
        if (!response.headersSent) this.error(response, 500, 'InternalError', error.message);
        else response.destroy();
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening and drops open connections (the SDK's keep-alive ones too): the store is down. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The objects of a bucket, by key. */
  objects(bucket: string): Map<string, FakeS3Object> {
    const objects = this.buckets.get(bucket);
    if (!objects) throw new Error(`no bucket ${bucket}`);
    return objects;
  }

  /** Multipart uploads started and neither completed nor aborted. */
  get openUploads(): number {
    return this.uploads.size;
  }

  /** Stores an object directly (as if written earlier), e.g. with an old LastModified. */
  put(bucket: string, key: string, body: Buffer | string, lastModified = new Date()): void {
    const content = Buffer.from(body);
    this.objects(bucket).set(key, { body: content, etag: etagOf(content), lastModified });
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://s3.local');
    const [, bucketName = '', ...keyParts] = url.pathname.split('/');
    const bucket = decodeURIComponent(bucketName);
    // `/bucket` and `/bucket/` both address the bucket itself.
    const joined = keyParts.map(decodeURIComponent).join('/');
    const key = joined === '' ? null : joined;
    const query = url.searchParams;
    const operation = operationOf(request.method ?? '', key, query);
    const body = await readBody(request);
    const record: FakeS3Request = { method: request.method ?? '', operation, key, query, status: 0 };
    this.requests.push(record);
    response.on('finish', () => (record.status = response.statusCode));
    response.setHeader('x-amz-request-id', randomUUID());

    if (!SIGV4.test(String(request.headers.authorization ?? '')) || !request.headers['x-amz-date']) {
      return this.error(response, 403, 'AccessDenied', 'Access Denied');
    }
    const objects = this.buckets.get(bucket);
    if (!objects)
      return this.error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist', {
        BucketName: bucket,
      });
    const payload = decodePayload(request, body);
    // Object operations have a key (operationOf says so); the bucket's own (ListObjectsV2) do not.
    const objectKey = key ?? '';
    const uploadId = query.get('uploadId') ?? '';

    switch (operation) {
      case 'PutObject': {
        const object = { body: payload, etag: etagOf(payload), lastModified: new Date() };
        objects.set(objectKey, object);
        response.writeHead(200, { ETag: object.etag, 'Content-Length': 0 });
        return void response.end();
      }
      case 'CreateMultipartUpload': {
        const newId = randomUUID().replace(/-/g, '');
        this.uploads.set(newId, { bucket, key: objectKey, parts: new Map() });
        return this.xml(response, 200, 'InitiateMultipartUploadResult', {
          Bucket: bucket,
          Key: objectKey,
          UploadId: newId,
        });
      }
      case 'UploadPart': {
        const upload = this.upload(response, bucket, objectKey, uploadId);
        if (!upload) return;
        const partNumber = Number(query.get('partNumber'));
        if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
          return this.error(
            response,
            400,
            'InvalidArgument',
            'Part number must be an integer between 1 and 10000',
          );
        }
        const etag = etagOf(payload);
        upload.parts.set(partNumber, { body: payload, etag });
        response.writeHead(200, { ETag: etag, 'Content-Length': 0 });
        return void response.end();
      }
      case 'CompleteMultipartUpload': {
        const upload = this.upload(response, bucket, objectKey, uploadId);
        if (!upload) return;
        const listed = [...body.toString('utf8').matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(([, part]) => ({
          number: Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(part)?.[1]),
          etag: /<ETag>([^<]*)<\/ETag>/.exec(part)?.[1]?.replace(/&quot;/g, '"'),
        }));
        if (listed.length === 0)
          return this.error(response, 400, 'MalformedXML', 'The XML you provided was not well-formed');
        const chosen = [];
        for (const [index, part] of listed.entries()) {
          const stored = upload.parts.get(part.number);
          if (!stored || stored.etag !== part.etag) {
            return this.error(
              response,
              400,
              'InvalidPart',
              'One or more of the specified parts could not be found',
            );
          }
          if (index > 0 && part.number <= listed[index - 1].number) {
            return this.error(
              response,
              400,
              'InvalidPartOrder',
              'The list of parts was not in ascending order',
            );
          }
          if (index < listed.length - 1 && stored.body.length < MIN_PART_BYTES) {
            return this.error(
              response,
              400,
              'EntityTooSmall',
              'Your proposed upload is smaller than the minimum allowed object size',
            );
          }
          chosen.push(stored);
        }
        const content = Buffer.concat(chosen.map((part) => part.body));
        const etag = `"${createHash('md5')
          .update(chosen.map((part) => part.etag).join(''))
          .digest('hex')}-${chosen.length}"`;
        objects.set(objectKey, { body: content, etag, lastModified: new Date() });
        this.uploads.delete(uploadId);
        return this.xml(response, 200, 'CompleteMultipartUploadResult', {
          Location: `${this.endpoint}/${bucket}/${key}`,
          Bucket: bucket,
          Key: objectKey,
          ETag: etag,
        });
      }
      case 'AbortMultipartUpload': {
        if (!this.upload(response, bucket, objectKey, uploadId)) return;
        this.uploads.delete(uploadId);
        response.writeHead(204);
        return void response.end();
      }
      case 'GetObject':
      case 'HeadObject': {
        const object = objects.get(objectKey);
        if (!object) {
          if (operation === 'HeadObject') {
            response.writeHead(404);
            return void response.end();
          }
          return this.error(response, 404, 'NoSuchKey', 'The specified key does not exist.', {
            Key: objectKey,
          });
        }
        const headers = {
          ETag: object.etag,
          'Last-Modified': object.lastModified.toUTCString(),
          'Content-Type': 'application/octet-stream',
          'Accept-Ranges': 'bytes',
        };
        const range =
          operation === 'GetObject' ? parseRange(request.headers.range, object.body.length) : null;
        if (range === 'invalid') {
          return this.error(response, 416, 'InvalidRange', 'The requested range is not satisfiable');
        }
        if (range) {
          response.writeHead(206, {
            ...headers,
            'Content-Length': range.end - range.start + 1,
            'Content-Range': `bytes ${range.start}-${range.end}/${object.body.length}`,
          });
          return void response.end(object.body.subarray(range.start, range.end + 1));
        }
        response.writeHead(200, { ...headers, 'Content-Length': object.body.length });
        return void response.end(operation === 'GetObject' ? object.body : undefined);
      }
      case 'DeleteObject':
        objects.delete(objectKey);
        response.writeHead(204);
        return void response.end();
      case 'ListObjectsV2':
        return this.list(response, bucket, objects, query);
      default:
        return this.error(
          response,
          501,
          'NotImplemented',
          `${request.method} ${url.pathname}${url.search} is not implemented`,
        );
    }
  }

  private list(
    response: http.ServerResponse,
    bucket: string,
    objects: Map<string, FakeS3Object>,
    query: URLSearchParams,
  ): void {
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const maxKeys = Math.min(Number(query.get('max-keys') ?? 1000), 1000);
    const token = query.get('continuation-token');
    const after = token ? Buffer.from(token, 'base64url').toString('utf8') : (query.get('start-after') ?? '');
    const encode = query.get('encoding-type') === 'url' ? encodeURIComponent : (value: string) => value;
    // Keys and common prefixes in UTF-8 binary order, as S3 lists them.
    const entries: ({ key: string; object: FakeS3Object } | { commonPrefix: string })[] = [];
    const seenPrefixes = new Set<string>();
    for (const [key, object] of [...objects.entries()].sort(([a], [b]) => byBytes(a, b))) {
      if (!key.startsWith(prefix) || key <= after) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut >= 0) {
        const commonPrefix = key.slice(0, cut + delimiter.length);
        if (commonPrefix <= after || seenPrefixes.has(commonPrefix)) continue;
        seenPrefixes.add(commonPrefix);
        entries.push({ commonPrefix });
      } else {
        entries.push({ key, object });
      }
    }
    const page = entries.slice(0, maxKeys);
    const truncated = entries.length > maxKeys;
    const last = page.at(-1);
    const lastName = last ? ('key' in last ? last.key : last.commonPrefix) : '';
    const parts = [
      `<Name>${escapeXml(bucket)}</Name>`,
      `<Prefix>${escapeXml(encode(prefix))}</Prefix>`,
      delimiter ? `<Delimiter>${escapeXml(encode(delimiter))}</Delimiter>` : '',
      `<KeyCount>${page.length}</KeyCount>`,
      `<MaxKeys>${maxKeys}</MaxKeys>`,
      `<IsTruncated>${truncated}</IsTruncated>`,
      token ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : '',
      truncated
        ? `<NextContinuationToken>${Buffer.from(lastName).toString('base64url')}</NextContinuationToken>`
        : '',
      query.get('encoding-type') === 'url' ? '<EncodingType>url</EncodingType>' : '',
      ...page.map((entry) =>
        'key' in entry
          ? `<Contents><Key>${escapeXml(encode(entry.key))}</Key>` +
            `<LastModified>${entry.object.lastModified.toISOString()}</LastModified>` +
            `<ETag>${escapeXml(entry.object.etag)}</ETag><Size>${entry.object.body.length}</Size>` +
            '<StorageClass>STANDARD</StorageClass></Contents>'
          : `<CommonPrefixes><Prefix>${escapeXml(encode(entry.commonPrefix))}</Prefix></CommonPrefixes>`,
      ),
    ];
    this.send(
      response,
      200,
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</ListBucketResult>`,
    );
  }

  private upload(
    response: http.ServerResponse,
    bucket: string,
    key: string,
    uploadId: string,
  ): MultipartUpload | null {
    const upload = this.uploads.get(uploadId);
    if (upload && upload.bucket === bucket && upload.key === key) return upload;
    this.error(
      response,
      404,
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { UploadId: uploadId },
    );
    return null;
  }

  private xml(
    response: http.ServerResponse,
    status: number,
    root: string,
    fields: Record<string, string>,
  ): void {
    const inner = Object.entries(fields)
      .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
      .join('');
    this.send(
      response,
      status,
      `<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</${root}>`,
    );
  }

  /** S3's error body: <Error><Code/><Message/>…<RequestId/></Error>. */
  private error(
    response: http.ServerResponse,
    status: number,
    code: string,
    message: string,
    extra: Record<string, string> = {},
  ): void {
    const fields = {
      Code: code,
      Message: message,
      ...extra,
      RequestId: String(response.getHeader('x-amz-request-id')),
    };
    const inner = Object.entries(fields)
      .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
      .join('');
    this.send(response, status, `<Error>${inner}</Error>`);
  }

  private send(response: http.ServerResponse, status: number, xml: string): void {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
    response.writeHead(status, {
      'Content-Type': 'application/xml',
      'Content-Length': Buffer.byteLength(body),
    });
    response.end(body);
  }
}

/** Starts a fake S3 server with these buckets. */
export function startFakeS3(buckets: string[]): Promise<FakeS3Server> {
  return new FakeS3Server(buckets).start();
}

function operationOf(method: string, key: string | null, query: URLSearchParams): string {
  if (key === null) return method === 'GET' && query.get('list-type') === '2' ? 'ListObjectsV2' : 'Unknown';
  if (method === 'PUT') return query.has('uploadId') && query.has('partNumber') ? 'UploadPart' : 'PutObject';
  if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'DELETE') return query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  if (method === 'GET') return 'GetObject';
  if (method === 'HEAD') return 'HeadObject';
  return 'Unknown';
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The object bytes of a PUT: the body, or, for the SDK's streaming signature (aws-chunked), the data of its
 * `size;chunk-signature=…\r\n data \r\n` chunks without the trailers.
 */
function decodePayload(request: http.IncomingMessage, body: Buffer): Buffer {
  const mode = String(request.headers['x-amz-content-sha256'] ?? '');
  if (
    !mode.startsWith('STREAMING-') &&
    !String(request.headers['content-encoding'] ?? '').includes('aws-chunked')
  ) {
    return body;
  }
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16);
    if (!Number.isFinite(size) || size === 0) break;
    chunks.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(chunks);
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` (RFC 9110) of an object of `length` bytes. */
function parseRange(
  header: string | undefined,
  length: number,
): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, length - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? length - 1 : Math.min(Number(match[2]), length - 1);
  return start >= length || start > end ? 'invalid' : { start, end };
}

function etagOf(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
