import type { ServerPorts } from '../ports'
import { seedActivities } from './activities'
import { seedCare } from './care'
import { seedDemoSchool } from './demo-school'
import { seedProposals } from './proposals'

/** The whole demo: the school and its people first, then what each capability shows on first start. */
export async function seedDemo(ports: ServerPorts): Promise<void> {
  await seedDemoSchool(ports)
  await seedActivities(ports)
  await seedCare(ports)
  await seedProposals(ports)
}
