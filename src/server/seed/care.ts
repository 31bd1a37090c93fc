import type { ServerPorts } from '../ports'

/** Demo data of this capability for the demo school; filled in by its issue. */
export async function seedCare(_ports: ServerPorts): Promise<void> {}
