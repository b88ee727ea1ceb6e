/**
 * A small static file server for the built site, as a CDN serves it: `dir/` answers with
 * `dir/index.html`, `/dir` redirects to `/dir/`, anything else missing is a 404, with the
 * deploy's Cache-Control. Used by the browser tests and the benchmark; `npm start` uses
 * `astro preview`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { cacheControl } from '../src/lib/host-files.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** What the browser tests add: a look at every answer, and a say in the pages they serve. */
export interface ServeHooks {
  /** Called with the status and path of every answer (the tests collect the 4xx and 5xx). */
  onResponse?: (status: number, pathname: string) => void;
  /** Extra headers on pages. */
  pageHeaders?: () => Record<string, string>;
  /** Rewrites a page before it is sent. */
  rewritePage?: (html: string) => string;
  /** Answers a path the site does not have (a test script), or undefined. */
  extra?: (pathname: string) => { type: string; body: string } | undefined;
  /**
   * Gzip text answers for clients that accept it, as hosts and CDNs do: the render-cost bench
   * throttles the network, where the bytes on the wire are what count.
   */
  gzip?: boolean;
}

const isFile = (file: string) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

/** Serves `root` on 127.0.0.1 at a free port; resolves with the server and its base URL. */
export function serveStatic(root: string, hooks: ServeHooks = {}): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const acceptsGzip = hooks.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    /** Sends the status and headers; the body goes to the stream returned. */
    const answer = (status: number, given: Record<string, string> = {}): Writable => {
      hooks.onResponse?.(status, pathname);
      // The deploy's caching (_headers, deploy/nginx): fingerprinted files for good, the rest revalidated.
      const headers: Record<string, string> = { 'cache-control': cacheControl(pathname), ...given };
      if (
        !acceptsGzip ||
        !/^(text\/|image\/svg|application\/(json|xml))/.test(headers['content-type'] ?? '')
      ) {
        return response.writeHead(status, headers);
      }
      response.writeHead(status, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
      const gzip = createGzip();
      gzip.pipe(response);
      return gzip;
    };
    const extra = hooks.extra?.(pathname);
    if (extra) {
      answer(200, { 'content-type': extra.type }).end(extra.body);
      return;
    }
    const target = path.join(root, path.normalize(decodeURIComponent(pathname)));
    if (!target.startsWith(root)) {
      answer(403).end();
      return;
    }
    if (!pathname.endsWith('/') && isFile(path.join(target, 'index.html'))) {
      answer(301, { location: `${pathname}/` }).end();
      return;
    }
    const file = pathname.endsWith('/') ? path.join(target, 'index.html') : target;
    const page = (status: number, file: string) => {
      const body = answer(status, { 'content-type': TYPES['.html']!, ...hooks.pageHeaders?.() });
      if (hooks.rewritePage) body.end(hooks.rewritePage(readFileSync(file, 'utf8')));
      else createReadStream(file).pipe(body);
    };
    if (!isFile(file)) {
      const notFound = path.join(root, '404.html');
      if (isFile(notFound)) page(404, notFound);
      else answer(404, { 'content-type': TYPES['.html']! }).end('Not found');
      return;
    }
    if (path.extname(file) === '.html') {
      page(200, file);
      return;
    }
    createReadStream(file).pipe(
      answer(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}
