/// <reference types="node" />
/**
 * Vite configuration of the Custos web app. The root is web/; the build lands in dist/web at the
 * repository root, where the server serves it. In development, API calls go to the local server.
 */
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url))
const backend = 'http://127.0.0.1:8080'

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // The server sends CSP `default-src 'self'`: no inlined assets as data: URLs in scripts or styles.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // A translated catalogue's chunk says which language and namespace it holds
        // (locale-fr-library-<hash>.js), so a browser test can tell that English fetched none.
        chunkFileNames: (chunk) => {
          const catalogue = /\/i18n\/locales\/(\w+)\/(\w+)\.json$/.exec(chunk.facadeModuleId ?? '')
          return catalogue
            ? `assets/locale-${catalogue[1]}-${catalogue[2]}-[hash].js`
            : 'assets/[name]-[hash].js'
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/g': backend,
      '/healthz': backend,
    },
  },
})
