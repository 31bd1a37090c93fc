import { execFileSync } from 'child_process'
import path from 'path'
import { EMULATOR_BUNDLES } from './emulator-bundles'

/**
 * Builds the cloud functions once for the emulator run, so the suite exercises what would be deployed. A child
 * process, because global setup runs outside jest's module mapping (the `@/` alias).
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..')
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  execFileSync(process.execPath, [tsx, 'scripts/build-functions.ts', EMULATOR_BUNDLES], { cwd: root, stdio: 'pipe' })
}
