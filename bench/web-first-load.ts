import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { Database } from '@imi/persistence';
import { AuditLog } from '../apps/node/src/privacy/audit-log';
import { enrolUser, totpFor } from '../apps/node/src/users/enrolment';
import { UserRepository } from '../apps/node/src/users/users.repository';
import { postRequest } from './pipeline';
import type { BenchNetwork } from './pipeline';
import { percentile, round } from './stats';

export interface WebFirstLoadResult {
  /** Requests waiting in DE's work list while it is measured. */
  incomingRequests: number;
  runs: number;
  /** JavaScript of the first page load: gzip-compressed (the measure), as it crossed the wire (in `contentEncoding`), and uncompressed. */
  javaScriptGzipBytes: number;
  javaScriptTransferredBytes: number;
  javaScriptBytes: number;
  contentEncoding: string;
  /** Opening /: redirect, HTML, CSS and JS loaded, the sign-in form ready to type in. */
  signInFormReadyMs: { p50: number; p95: number; max: number };
  /** Clicking "Sign in" to the work list rendered with every list's count. */
  workListRenderedMs: { p50: number; p95: number; max: number };
}

/** The bits of the page's DOM the condition below reads (this file is compiled without DOM types). */
interface PageDocument {
  querySelector(selector: string): { querySelectorAll(selector: string): { length: number }; textContent: string | null } | null;
}

/** Run in the page (as a function: the CSP refuses strings): every list of the work list has answered (no "Loading…") and shows its count. */
function workListRendered(): boolean {
  const main = (globalThis as unknown as { document: PageDocument }).document.querySelector('main');
  return !!main && main.querySelectorAll('h2 .imi-count').length >= 2 && !(main.textContent ?? '').includes('Loading…');
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1]) };
};

/**
 * The web application's first load as an allocator at DE-BE-AEK meets it, with `incoming`
 * requests from FR waiting: each run is a new browser profile (empty cache) in Debian's
 * Chromium, so every run downloads the whole application, as on a first visit.
 */
export async function measureWebFirstLoad(network: BenchNetwork, incoming: number, runs: number): Promise<WebFirstLoadResult> {
  for (let n = 1; n <= incoming; n++) await postRequest(network.frUrl, network.frSession, 900_000 + n);
  const deDb = Database.connect(network.deDatabaseUrl, 1);
  const password = 'quiet river under the old bridge';
  // One user per run: a one-time code is good once, and the node accepts only the current time step.
  const users = [];
  for (let run = 0; run < runs; run++) {
    const email = `web-bench-${randomUUID().slice(0, 8)}@aekb.example.de`;
    const enrolment = await enrolUser({ db: deDb, users: new UserRepository(deDb), audit: new AuditLog(deDb) }, 'DE', 'DE-BE-AEK',
      { email, displayName: 'Web Bench', roles: ['allocator', 'case-handler'], password });
    users.push({ email, totp: totpFor('DE', email, enrolment.totp.secret) });
  }
  // Wait until DE holds every request, so each run renders the same work list.
  for (let i = 0; i < 600; i++) {
    const rows = await deDb.query<{ n: string }>("SELECT count(*) AS n FROM requests WHERE state = 'sent'");
    if (Number(rows[0].n) >= incoming) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await deDb.close();

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const formReady: number[] = [];
  const rendered: number[] = [];
  let javaScriptGzipBytes = 0;
  let javaScriptTransferredBytes = 0;
  let javaScriptBytes = 0;
  let contentEncoding = '';
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const scripts: Promise<void>[] = [];
      let gzip = 0;
      let transferred = 0;
      let plain = 0;
      page.on('requestfinished', (request) => {
        if (request.resourceType() !== 'script') return;
        scripts.push((async () => {
          const response = await request.response();
          transferred += (await request.sizes()).responseBodySize;
          const body = await response!.body();
          plain += body.length;
          gzip += gzipSync(body).length;
          contentEncoding = (await response!.headerValue('content-encoding')) ?? 'identity';
        })());
      });
      const opened = performance.now();
      await page.goto(`${network.deUrl}/`);
      await page.getByLabel('Email address').waitFor();
      formReady.push(performance.now() - opened);
      const { email, totp } = users[run];
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('One-time code').fill(totp.generate());
      const clicked = performance.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForFunction(workListRendered, undefined, { timeout: 30_000 });
      rendered.push(performance.now() - clicked);
      await Promise.all(scripts);
      if (run === 0) {
        javaScriptGzipBytes = gzip;
        javaScriptTransferredBytes = transferred;
        javaScriptBytes = plain;
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { incomingRequests: incoming, runs, javaScriptGzipBytes, javaScriptTransferredBytes, javaScriptBytes, contentEncoding, signInFormReadyMs: spread(formReady), workListRenderedMs: spread(rendered) };
}
