import { contract, type ActionName } from '@/core/contract'
import { FIXTURES } from '../support/action-fixtures'
import {
  ACCESS_TABLE,
  admittedBy,
  CALLER_KINDS,
  CALLERS,
  prepareCallers,
  PROBE_FIELD,
  reachedInputCheck,
  refusalFor,
  type CallerKind,
} from '../support/access-expectations'
import { makeTestCloud, type TestCloud } from '../support/test-cloud'

const names = Object.keys(contract) as ActionName[]

test('the reviewed access table has a row for every action and no row for an action that is gone', () => {
  expect(Object.keys(ACCESS_TABLE).sort()).toEqual([...names].sort())
  for (const row of Object.values(ACCESS_TABLE)) expect(row).toHaveLength(CALLER_KINDS.length)
})

describe.each(names)('%s', (name) => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await makeTestCloud()
    await prepareCallers(cloud)
  })
  afterAll(() => cloud?.cleanup())

  test('lets in exactly the callers of the reviewed table; a refused caller writes nothing', async () => {
    const spec = contract[name]
    const admitted = admittedBy(name)
    const inputs = new Map<CallerKind, unknown>()
    const gate: Partial<Record<CallerKind, string>> = {}
    const expected: Partial<Record<CallerKind, string>> = {}
    for (const kind of CALLER_KINDS) {
      const input = await FIXTURES[name](cloud)
      inputs.set(kind, input)
      // The gate alone: an input whose only fault is an unknown field tells let-in (BAD_INPUT) from refused,
      // whatever the use case would later say about this caller in this state.
      const probe = await cloud.raw(CALLERS[kind].openid, { action: name, data: { ...input, [PROBE_FIELD]: true } })
      gate[kind] = reachedInputCheck(probe) ? 'let in' : probe.ok ? 'ok' : probe.code
      expected[kind] = admitted.includes(kind) ? 'let in' : refusalFor(name, kind)
    }
    expect(gate).toEqual(expected)

    // The real requests, as the page would send them.
    let succeeded = 0
    for (const kind of CALLER_KINDS) {
      const before = cloud.writes()
      const reply = await cloud.raw(CALLERS[kind].openid, { action: name, data: inputs.get(kind) })
      const writes = cloud.writes() - before
      if (!admitted.includes(kind)) {
        expect({ caller: kind, code: reply.ok ? 'ok' : reply.code, writes }).toEqual({
          caller: kind,
          code: refusalFor(name, kind),
          writes: 0,
        })
      } else if (reply.ok) {
        succeeded++
        if (!spec.writes) expect({ caller: kind, writes }).toEqual({ caller: kind, writes: 0 })
      } else {
        expect({ caller: kind, code: reply.code }).not.toEqual({ caller: kind, code: 'INTERNAL' })
      }
    }
    // Every action must be usable by someone, or it is dead code behind a wall.
    expect({ action: name, succeeded: succeeded > 0 }).toEqual({ action: name, succeeded: true })
  })
})
