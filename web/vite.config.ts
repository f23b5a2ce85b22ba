/// <reference types="node" />
/**
 * Vite configuration of the Custos web app. The root is web/; the build lands in dist/web at the
 * repository root, where the server serves it. In development, API calls go to the local server.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url))
const backend = 'http://127.0.0.1:8080'

/** The Redoc bundle's one outside address: the Redocly logo beside its "API docs by Redocly" link. */
const REDOCLY_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg'

/**
 * The API reference's renderer (the redoc package's standalone bundle) as a hashed asset, for the
 * server's /api/docs page (src/http/api-docs.ts). Its logo address is emptied, so the page asks no
 * other origin for anything (the image then fails at once and Redoc hides it); a new Redoc version
 * without that address fails the build here rather than send readers' browsers elsewhere.
 */
const apiReferenceBundle = (): Plugin => ({
  name: 'custos-api-reference',
  apply: 'build',
  generateBundle() {
    const file = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js')
    const source = readFileSync(file, 'utf8')
    if (source.split(REDOCLY_LOGO).length !== 2)
      throw new Error(
        `${file}: expected the Redocly logo address exactly once; check the bundle's outside addresses.`,
      )
    this.emitFile({ type: 'asset', name: 'redoc.standalone.js', source: source.replace(REDOCLY_LOGO, '') })
  },
})

/** The text files the server may answer with a compressed copy (src/http/static.ts serves them). */
const COMPRESSIBLE = /\.(?:js|mjs|css|json|svg|html|txt|map)$/
/** Below this a compressed copy saves less than a TCP segment: not worth a second file. */
const MIN_BYTES = 1024

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside every compressible file
 * of the build, once, so the server never compresses a static file per request.
 */
const precompress = (): Plugin => {
  let builtDir = outDir
  return {
    name: 'custos-precompress',
    apply: 'build',
    configResolved(config) {
      builtDir = config.build.outDir
    },
    closeBundle() {
      const visit = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name)
          if (statSync(path).isDirectory()) visit(path)
          else if (COMPRESSIBLE.test(name)) {
            const content = readFileSync(path)
            if (content.byteLength < MIN_BYTES) continue
            const brotli = brotliCompressSync(content, {
              params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
            })
            const gzip = gzipSync(content, { level: 9 })
            // A copy that is not smaller would only cost the client a decompression.
            if (brotli.byteLength < content.byteLength) writeFileSync(`${path}.br`, brotli)
            if (gzip.byteLength < content.byteLength) writeFileSync(`${path}.gz`, gzip)
          }
        }
      }
      visit(builtDir)
    },
  }
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), apiReferenceBundle(), precompress()],
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
