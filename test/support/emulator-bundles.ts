import path from 'path'

/** Where the integration suite's emulator run finds the built functions (built once per jest run). */
export const EMULATOR_BUNDLES = path.resolve(__dirname, '..', '..', '.tmp', 'emulator-functions')
