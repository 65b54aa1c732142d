// The dashboard's build: `npm run build` (scripts/build.mjs) runs it into dist/web, which the API
// serves at /app/. No dev server is needed; JSX is compiled by Vite's own transform (automatic runtime).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // No inline script anywhere: the API's Content-Security-Policy has no 'unsafe-inline'.
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)), emptyOutDir: true, assetsInlineLimit: 0, sourcemap: false, modulePreload: { polyfill: false },
    // TanStack Query marks its modules "use client" (for React Server Components): meaningless in a browser bundle.
    rolldownOptions: { onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning) },
  },
  logLevel: 'warn',
});
