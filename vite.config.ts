import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Content-Security-Policy of the production build: only the app's own scripts, no inline
 * script, no eval. Each directive is explained in docs/reliability.md. The dev server is left
 * without it because HMR and React Refresh inject inline scripts.
 */
export const CSP = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' allows compiling WebAssembly only (JS eval and new Function stay blocked):
  // the wasm backend's binaries (from this origin, src/workers/wasmBackend.ts), and long.js inside
  // tfjs-core, which probes a tiny wasm module for 64-bit maths at load.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // style="" attributes only (no <style> elements): the SVG/PNG export copies computed styles
  // onto cloned SVG nodes with setAttribute('style'). React's style props use CSSOM and need
  // nothing. Browsers without CSP3 style-src-attr fall back to style-src (export still works:
  // the attribute is serialised even where it is not applied).
  "style-src-attr 'unsafe-inline'",
  // Exports rasterise SVG through blob:/data: URLs and hand out PNGs as object URLs.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Injects the CSP as a <meta> at build time only (`vite preview` and any static host get it). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'gatescope-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  build: {
    // TF.js (core + webgl + cpu) alone is a ~590 kB chunk, loaded lazily after the
    // shell's first frame; warn only if it grows well past that.
    chunkSizeWarningLimit: 1000,
  },
  // The training worker (src/workers/trainWorker.ts) is started with { type: 'module' }: bundle it as
  // an ES module to match (Vite's default worker format, IIFE, is for classic workers).
  worker: { format: 'es' },
  // The same policy as a header for `vite preview`. No frame-ancestors: embed mode is meant for
  // iframes in slides and LMS pages on other origins.
  preview: { headers: { 'Content-Security-Policy': CSP } },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    // TF.js imports and numerical reference checks are slow on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // tfjs-backend-cpu greets every Node process with an ad for tfjs-node (which cannot
    // install here); drop exactly that line, keep every other log.
    onConsoleLog: (log) => !log.includes('looks like you are running TensorFlow.js in Node.js'),
  },
});
