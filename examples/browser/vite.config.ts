import { defineConfig } from 'vite'

// Nothing browser-specific to configure: @kvgraph/core picks IndexedDB through its package.json.
export default defineConfig({
  build: { target: 'es2023', chunkSizeWarningLimit: 2000 },
})
