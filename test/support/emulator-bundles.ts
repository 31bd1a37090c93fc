import path from 'path'

/**
 * Where the integration suite's emulator run finds the built functions (built once per jest run).
 * JG_EMULATOR_BUNDLES gives a run its own folder, so two jest runs on one machine never rebuild each other's.
 */
export const EMULATOR_BUNDLES = process.env.JG_EMULATOR_BUNDLES
  ? path.resolve(process.env.JG_EMULATOR_BUNDLES)
  : path.resolve(__dirname, '..', '..', '.tmp', 'emulator-functions')
