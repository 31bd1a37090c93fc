import fc from 'fast-check'
import { contract, type ActionName } from '@/core/contract'
import { FIXTURES } from '../support/action-fixtures'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

const names = Object.keys(contract) as ActionName[]

/** The most privileged caller the action admits: hostile input from someone who is let in is the real risk. */
function callerFor(name: ActionName): string {
  const access = contract[name].access
  return access === 'unbound' ? 'wx-fuzzer' : DEMO.chair
}

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constant('x'.repeat(100_001)),
  fc.dictionary(
    fc.constantFrom('$gt', '$ne', '$where', '$set', '__proto__', 'constructor'),
    fc.anything({ maxDepth: 1 }),
  ),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.constantFrom(null, undefined, NaN, Infinity, -1, 1e308, true, '', ' ', '<script>', '{"$gt":""}'),
)

describe.each(names)('%s under hostile input', (name) => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await makeTestCloud()
  })
  afterAll(() => cloud.cleanup())

  test('any value for any field: a clear refusal or a success, never a crash; a refusal writes nothing', async () => {
    const valid = (await FIXTURES[name](cloud)) as Record<string, unknown>
    const fieldNames = [...Object.keys(valid), 'openid', 'role', 'roles', 'unionId', '_id']
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(fieldNames, { minLength: 1 }),
        fc.array(hostileValue, { minLength: fieldNames.length, maxLength: fieldNames.length }),
        async (fields, values) => {
          const data: Record<string, unknown> = { ...valid }
          fields.forEach((f, i) => {
            data[f] = values[i]
          })
          const before = cloud.writes()
          const reply = await cloud.raw(callerFor(name), { action: name, data })
          if (reply.ok) return
          expect(reply.code).not.toBe('INTERNAL')
          expect(reply.message).toMatch(/[\u4e00-\u9fa5]/)
          // Bind refusals are logged for the chair on purpose; nothing else may be written by a refusal.
          if (!name.startsWith('members.bind')) expect(cloud.writes()).toBe(before)
        },
      ),
      { numRuns: 40 },
    )
  })

  test('forged identity fields next to a valid input are refused, not obeyed', async () => {
    const valid = (await FIXTURES[name](cloud)) as Record<string, unknown>
    for (const forged of [{ openid: DEMO.chair }, { role: 'chair' }, { unionId: 'u-other' }, { $where: '1' }]) {
      const before = cloud.writes()
      const reply = await cloud.raw('wx-fuzzer', { action: name, data: { ...valid, ...forged } })
      expect(reply.ok).toBe(false)
      expect(cloud.writes() - before).toBeLessThanOrEqual(name.startsWith('members.bind') ? 1 : 0)
    }
  })

  test('a non-object body or data is refused', async () => {
    for (const body of [
      null,
      'x',
      42,
      [],
      { action: name, data: 'x' },
      { action: name, data: [1] },
      { action: `${name}.x` },
    ]) {
      const reply = await cloud.raw(callerFor(name), body)
      expect(reply.ok).toBe(false)
    }
  })
})

test('an unknown action is an error, not undefined', async () => {
  const cloud = await makeTestCloud({ seed: false })
  try {
    expect(await cloud.raw('x', { action: 'members.deleteAll', data: {} })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_ACTION',
    })
    expect(await cloud.raw('x', { action: 'toString', data: {} })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    expect(await cloud.raw('x', { action: '__proto__', data: {} })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  } finally {
    cloud.cleanup()
  }
})
