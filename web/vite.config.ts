import { defineConfig } from 'vite';

// The lab is built into dist/web, which `initlab serve` serves; no CDN, nothing from the network.
export default defineConfig({
  root: 'web',
  base: './',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
