/**
 * An S3 endpoint on 127.0.0.1 for Terraform's S3 backend (path-style requests), answering as the
 * Amazon S3 API Reference documents the calls the backend makes: ListObjectsV2 (workspaces),
 * GetObject / HeadObject (state, lock), PutObject (with `If-None-Match: *` for the lock file: 412
 * PreconditionFailed when it exists), DeleteObject (204). A bucket that does not exist answers 404
 * NoSuchBucket to all of them. Objects live in memory.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface S3Loopback {
  readonly endpoint: string;
  /** bucket → key → body. A bucket exists once it has an entry. */
  readonly buckets: Map<string, Map<string, Buffer>>;
  /** Every request, as "METHOD /path?query". */
  readonly requests: string[];
  close(): Promise<void>;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function error(res: http.ServerResponse, status: number, code: string, message: string, resource: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'LOOPBACK' });
  res.end(xml(`<Error><Code>${code}</Code><Message>${message}</Message><Resource>${escape(resource)}</Resource><RequestId>LOOPBACK</RequestId></Error>`));
}

export async function startS3Loopback(): Promise<S3Loopback> {
  const buckets = new Map<string, Map<string, Buffer>>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      const [, bucketName, ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const bucket = buckets.get(bucketName);
      if (bucket === undefined) return error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', `/${bucketName}`);
      if (key === '' && req.method === 'GET') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...bucket.keys()].filter((k) => k.startsWith(prefix)).sort();
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(
          xml(
            `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucketName}</Name><Prefix>${escape(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
              keys.map((k) => `<Contents><Key>${escape(k)}</Key><Size>${bucket.get(k)!.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('') +
              '</ListBucketResult>',
          ),
        );
      }
      const object = bucket.get(key);
      if (req.method === 'GET' || req.method === 'HEAD') {
        if (object === undefined) return error(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': object.length, etag: '"loopback"' });
        return res.end(req.method === 'GET' ? object : undefined);
      }
      if (req.method === 'PUT') {
        if (req.headers['if-none-match'] === '*' && object !== undefined) return error(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', url.pathname);
        bucket.set(key, Buffer.concat(chunks));
        res.writeHead(200, { etag: '"loopback"' });
        return res.end();
      }
      if (req.method === 'DELETE') {
        bucket.delete(key);
        res.writeHead(204);
        return res.end();
      }
      error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', url.pathname);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    buckets,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
