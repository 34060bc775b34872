import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

/**
 * Writes .vite/modules.json beside Vite's manifest: for each built chunk, the source files
 * (under src/web or src/server) it contains. The manifest says which chunks a page loads; this
 * says what code is in them, so a test can check that the portal's first load carries no
 * workbench module (test/architecture/web-build.test.ts).
 */
function chunkModules(): Plugin {
  return {
    name: 'santai:chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const root = `${process.cwd()}/src/`;
      const chunks: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks[output.fileName] = Object.keys(output.modules)
          .filter((id) => id.startsWith(root))
          .map((id) => id.slice(root.length))
          .sort();
      }
      this.emitFile({ type: 'asset', fileName: '.vite/modules.json', source: `${JSON.stringify(chunks, null, 1)}\n` });
    },
  };
}

// The web front end lives in src/web and is built into dist/web, which the server serves
// (src/server/platform/web-delivery.ts): every file under assets/ is named by its content hash
// and cached for a year, and has a .br and a .gz twin written here, sent to browsers that
// accept them. The manifest (.vite/manifest.json) records which chunks each route loads; the
// portal must load none of the workbench's (bench/delivery.ts measures the bytes).
// In development, /api is proxied to the server on port 3000.
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [
    react(),
    chunkModules(),
    // Brotli at its highest quality and gzip at level 9, once, at build time; files that would
    // not shrink are left alone.
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.vite\//] }),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Libraries that change rarely get chunks of their own, so a new release of the app
        // leaves them in the browser's cache.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/.test(id)) return 'react';
          if (/[\\/]node_modules[\\/](i18next|react-i18next|use-sync-external-store|html-parse-stringify|void-elements)[\\/]/.test(id)) return 'i18n';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
