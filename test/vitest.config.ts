import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const root = resolve(__dirname, '..')
const alias = { '@renderer': resolve(root, 'renderer/src'), '@contract': resolve(root, 'main/contract') }

export default defineConfig({
  root,
  test: {
    // Day, week and hour buckets must come from the company's time zone, never the machine's.
    env: { TZ: 'UTC' },
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: { name: 'renderer', environment: 'happy-dom', include: ['test/renderer/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
