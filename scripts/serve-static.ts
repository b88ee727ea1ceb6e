/**
 * A small static file server for the built site, as a CDN serves it: `dir/` answers with
 * `dir/index.html`, `/dir` redirects to `/dir/`, anything else missing is a 404. Used by the
 * browser tests and the benchmark; `npm start` uses `astro preview`.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

const isFile = (file: string) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

/** Serves `root` on 127.0.0.1 at a free port; resolves with the server and its base URL. */
export function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const target = path.join(root, path.normalize(decodeURIComponent(pathname)));
    if (!target.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (!pathname.endsWith('/') && isFile(path.join(target, 'index.html'))) {
      response.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    const file = pathname.endsWith('/') ? path.join(target, 'index.html') : target;
    if (!isFile(file)) {
      const notFound = path.join(root, '404.html');
      response.writeHead(404, { 'content-type': TYPES['.html']! });
      if (isFile(notFound)) createReadStream(notFound).pipe(response);
      else response.end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}
