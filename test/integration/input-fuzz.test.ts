import fc from 'fast-check'
import { contract, type ActionName } from '@/core/contract'
import { FIXTURES } from '../support/action-fixtures'
import {
  fixtureCaller,
  mostTrustedRefused,
  prepareCallers,
  PROBE_FIELD,
  reachedInputCheck,
  refusalFor,
} from '../support/access-expectations'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/** What an action open to anyone answers someone not signed in, whatever identity their body claims. */
const ANSWER_TO_NOBODY: Partial<Record<ActionName, unknown>> = {
  'session.whoami': { signedIn: false },
  'home.open': null,
}

const names = Object.keys(contract) as ActionName[]

/**
 * Refusals the gate gives before an input is read: a fuzzed call answered so was never fuzzed. FORBIDDEN is
 * never right here either: the caller is the one the fixture is written for, with every right it needs.
 */
const GATE_CODES = ['UNAUTHENTICATED', 'NOT_BOUND', 'FORBIDDEN']

/** Identity a client might try to claim in its input; the server takes it only from WeChat's context. */
const FORGED: Record<string, unknown> = {
  openid: DEMO.chair,
  memberId: 'm01',
  unionId: 'u-other',
  roles: ['chair', 'admin'],
  role: 'chair',
  _id: 'm01',
}

/** The fields an action's input declares: a forged field is one it does not (memberId is real for some). */
function declaredFields(name: ActionName): string[] {
  const schema = contract[name].input
  return 'entries' in schema ? Object.keys(schema.entries) : []
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

/** Strings of the right type that a careless store or page would mistake for something else. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '{"$gt":""}',
    '$where',
    '$ne',
    '__proto__',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; db.dropDatabase(); '",
    '\u0000',
    '   ',
    '',
    'm01',
    'u-other',
    DEMO.chair,
    '🙂'.repeat(40),
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 30 }),
)

/** A value of the same JSON type as the valid one, chosen to hurt. */
function sameTypeHostile(valid: unknown): fc.Arbitrary<unknown> {
  if (typeof valid === 'string') return hostileString
  if (typeof valid === 'number') return fc.constantFrom(-1, 0, 0.5, 1e9, Number.MAX_SAFE_INTEGER, 2027, 9)
  if (typeof valid === 'boolean') return fc.boolean()
  if (Array.isArray(valid)) return fc.array(hostileString, { maxLength: 40 })
  return fc.constant(valid)
}

describe.each(names)('%s under hostile input', (name) => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await makeTestCloud()
    await prepareCallers(cloud)
  })
  afterAll(() => cloud?.cleanup())

  // Runs first, on the seeded state, and writes nothing: the fuzz below starts from the same state.
  test('identity fields smuggled into an admitted caller’s request are refused as input, writing nothing', async () => {
    const caller = fixtureCaller(name)
    const valid = (await FIXTURES[name](cloud)) as Record<string, unknown>
    const declared = declaredFields(name)
    const forged = Object.keys(FORGED).filter((f) => !declared.includes(f))
    const answers: Record<string, string> = {}
    const before = cloud.writes()
    for (const field of forged) {
      const reply = await cloud.raw(caller.openid, { action: name, data: { ...valid, [field]: FORGED[field] } })
      answers[field] = reply.ok ? 'obeyed' : reply.fields?.[field] ? `${reply.code} naming it` : reply.code
    }
    expect({ caller: caller.kind, answers, writes: cloud.writes() - before }).toEqual({
      caller: caller.kind,
      answers: Object.fromEntries(forged.map((f) => [f, 'BAD_INPUT naming it'])),
      writes: 0,
    })

    // The same claims beside the request, where WeChat's own context travels: the caller is still who WeChat says.
    const outsider = mostTrustedRefused(name) ?? { kind: 'not signed in' as const, openid: undefined }
    const body = { action: name, data: valid, openid: DEMO.chair, OPENID: DEMO.chair, userInfo: { openId: DEMO.chair } }
    const reply = await cloud.raw(outsider.openid, body)
    const expected: Record<string, unknown> = mostTrustedRefused(name)
      ? { ok: false, code: refusalFor(name, outsider.kind) }
      : { ok: true, data: ANSWER_TO_NOBODY[name] }
    expect({ caller: outsider.kind, reply }).toMatchObject({ caller: outsider.kind, reply: expected })
    expect(cloud.writes()).toBe(before)
  })

  test('any value for any field: a clear refusal or a success, never a crash; a refusal writes nothing', async () => {
    const caller = fixtureCaller(name)
    const valid = (await FIXTURES[name](cloud)) as Record<string, unknown>
    // The fuzz is only worth something if its caller gets past the gate to the input check.
    const probe = await cloud.raw(caller.openid, { action: name, data: { ...valid, [PROBE_FIELD]: true } })
    const gate = reachedInputCheck(probe) ? 'input checked' : probe.ok ? 'ok' : probe.code
    expect({ caller: caller.kind, gate }).toEqual({ caller: caller.kind, gate: 'input checked' })

    const codes = new Set<string>()
    const check = async (data: Record<string, unknown>) => {
      const before = cloud.writes()
      const reply = await cloud.raw(caller.openid, { action: name, data })
      if (reply.ok) return
      codes.add(reply.code)
      expect({ caller: caller.kind, code: reply.code }).not.toMatchObject({
        code: expect.stringMatching(new RegExp(`^(INTERNAL|${GATE_CODES.join('|')})$`)),
      })
      expect(reply.message).toMatch(/[\u4e00-\u9fa5]/)
      // Bind refusals are logged for the chair on purpose; nothing else may be written by a refusal.
      if (!name.startsWith('members.bind')) expect(cloud.writes()).toBe(before)
    }

    // Ill-formed: any value, in real fields and in ones the input does not have.
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
          await check(data)
        },
      ),
      { numRuns: 25 },
    )
    expect({ caller: caller.kind, codes: [...codes] }).toMatchObject({
      caller: caller.kind,
      codes: expect.arrayContaining(['BAD_INPUT']),
    })

    // Well-formed but hostile: values of the right type, so the call gets past the types, often into the use case.
    const realFields = Object.keys(valid)
    if (realFields.length === 0) return
    await fc.assert(
      fc.asyncProperty(
        fc
          .subarray(realFields, { minLength: 1 })
          .chain((fields) => fc.tuple(fc.constant(fields), fc.tuple(...fields.map((f) => sameTypeHostile(valid[f]))))),
        async ([fields, values]) => {
          const data: Record<string, unknown> = { ...valid }
          fields.forEach((f, i) => {
            data[f] = values[i]
          })
          await check(data)
        },
      ),
      { numRuns: 15 },
    )
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
      const reply = await cloud.raw(fixtureCaller(name).openid, body)
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
