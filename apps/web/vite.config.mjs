import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The node serves this build under /app/ on the same origin as its API, so the SPA's routes
 * never collide with API paths and no CORS is needed. JSX is compiled by Vite's own oxc
 * transform (no React plugin: fast refresh is not needed for a build served by the node).
 */
export default defineConfig({
  root: here,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline script or style: the node's Content-Security-Policy allows 'self' only.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
