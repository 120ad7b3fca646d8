import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: {
    // TF.js (core + webgl + cpu) alone is a ~560 kB chunk, loaded lazily after the
    // shell paints; warn only if it grows well past that.
    chunkSizeWarningLimit: 1000,
  },
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
