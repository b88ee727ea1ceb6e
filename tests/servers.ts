/**
 * The built site behind the servers it is deployed to, each on 127.0.0.1 on a free port: nginx
 * from Debian with the snippet in deploy/nginx/, and Cloudflare's own runtime (workerd) through
 * `wrangler pages dev`, which applies _headers and _redirects as Cloudflare Pages does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './build';
import { freePort } from './free-port';
import { systemPaths } from './system';

export interface Server {
  url: string;
  /** Stops the server, waiting (a bounded time) for it to exit, and removes its folder. */
  stop: () => Promise<void>;
}

/** Signals `child` (with `kill`) and waits for it to exit, at most 10 s, then kills it outright. */
async function ended(child: ChildProcess, kill: (signal: NodeJS.Signals) => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  kill('SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, 10_000, 'timeout'));
  if ((await Promise.race([exit, timer])) === 'timeout') kill('SIGKILL');
}

/**
 * Waits, at most `seconds`, until `url` answers; throws with what the server logged if it
 * never does or exits first.
 */
async function waitUntilUp(url: string, child: ChildProcess, log: () => string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const up = await fetch(url, { redirect: 'manual' }).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s:\n${log()}`);
}

/**
 * A copy of `site` in a fresh folder, below `base` as on a host serving a project page ("/"
 * leaves it at the top). A copy, not a link to the checkout: nginx's workers run as an
 * unprivileged user, who must be able to walk into the folder, and a clone in a private folder
 * (0700, as under /root or from mktemp -d) is closed to them.
 */
function mount(site: string, base: string): { dir: string; www: string; docroot: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'served-'));
  chmodSync(dir, 0o755);
  const www = path.join(dir, 'www');
  const docroot = path.join(www, base);
  mkdirSync(www);
  cpSync(site, docroot, { recursive: true });
  return { dir, www, docroot };
}

/** Starts nginx on 127.0.0.1 serving `site` below `base`, with the repository's snippet. */
export async function startNginx(site: string, base: string): Promise<Server> {
  const { dir, www, docroot } = mount(site, base);
  for (const file of ['explainers.conf', 'explainers-headers.conf']) {
    copyFileSync(path.join(root, 'deploy/nginx', file), path.join(dir, file));
  }
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {}
http {
  include /etc/nginx/mime.types;
  types { application/rss+xml xml; }
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${www};
    error_page 404 ${base}404.html;
    include ${path.join(docroot, '_nginx-redirects.conf')};
    include ${path.join(docroot, '_nginx-search.conf')};
    include explainers.conf;
  }
}
`,
  );
  const nginx = spawn(systemPaths().nginx(), ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await ended(nginx, (signal) => nginx.kill(signal));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, nginx, () => readFileSync(path.join(dir, 'error.log'), 'utf8'), 10);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/**
 * Starts `wrangler pages dev` (workerd) on 127.0.0.1 serving `site` below `base`. Cloudflare
 * reads _headers and _redirects at the top of the folder it serves, so below a subpath they move
 * up there (their rules already carry the path). It asks nothing of the network: no metrics,
 * error reports or update check (the banner's), and no fetch of the `Request.cf` object, which
 * would otherwise be tried at workers.cloudflare.com on every start.
 */
export async function startWrangler(site: string, base: string): Promise<Server> {
  const { dir, www, docroot } = mount(site, base);
  for (const file of ['_headers', '_redirects']) {
    if (docroot !== www) renameSync(path.join(docroot, file), path.join(www, file));
  }
  const [port, inspector] = [await freePort(), await freePort()];
  let log = '';
  const wrangler = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/wrangler/bin/wrangler.js'),
      ...['pages', 'dev', www, '--ip', '127.0.0.1', '--port', `${port}`],
      ...['--inspector-port', `${inspector}`, '--persist-to', path.join(dir, 'state')],
      // A fixed date: the runtime's behaviour should not change with the day the tests run.
      ...['--compatibility-date', '2026-11-01', '--log-level', 'warn'],
    ],
    {
      // Its .wrangler/ folder goes to the temporary folder, not the checkout.
      cwd: dir,
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        WRANGLER_HIDE_BANNER: 'true',
        WRANGLER_LOG_PATH: path.join(dir, 'logs'),
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping it stops the workerd processes it started.
      detached: true,
    },
  );
  wrangler.stdout.on('data', (chunk: Buffer) => (log += chunk));
  wrangler.stderr.on('data', (chunk: Buffer) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  // The whole process group: wrangler and the workerd processes it started.
  const stop = async () => {
    await ended(wrangler, (signal) => process.kill(-wrangler.pid!, signal));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, wrangler, () => log, 60);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
