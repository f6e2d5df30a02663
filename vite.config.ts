import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The renderer bundle: the same files are loaded by Electron (file://, hence relative `base`)
// and served by the browser harness (`npm run web`).
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [svelte()],
  build: { outDir: '../out/renderer', emptyOutDir: true, target: 'es2022', sourcemap: true },
});
