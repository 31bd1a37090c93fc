import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { Store } from '../shared/ports'
import { GC } from './collections'
import type { GreetingSettingsDoc } from './model'
import { DEFAULT_TEMPLATE, EXAMPLE_NAME, renderGreeting } from './template'
import type { GreetingSettingsView } from './views'

export interface GreetingSettings {
  template: string
  includeRetired: boolean
  isDefault: boolean
}

/** A union that never saved settings greets everyone still working and retired, with the default words. */
export function settingsOrDefault(doc: GreetingSettingsDoc | null | undefined): GreetingSettings {
  if (!doc) return { template: DEFAULT_TEMPLATE, includeRetired: true, isDefault: true }
  return { template: doc.template, includeRetired: doc.includeRetired, isDefault: false }
}

export async function loadGreetingSettings(store: Store, unionId: string): Promise<GreetingSettings> {
  return settingsOrDefault(await store.findOne<GreetingSettingsDoc>(GC.settings, { _id: unionId, unionId }))
}

function toView(s: GreetingSettings): GreetingSettingsView {
  return {
    template: s.template,
    includeRetired: s.includeRetired,
    preview: renderGreeting(s.template, EXAMPLE_NAME),
    isDefault: s.isDefault,
  }
}

export async function greetingSettings(ctx: Ctx): Promise<GreetingSettingsView> {
  return toView(await loadGreetingSettings(ctx.store, me(ctx).unionId))
}

/** The template reaches every member, so it passes the content check before it is kept. */
export async function saveGreetingSettings(
  ctx: Ctx,
  input: { template: string; includeRetired: boolean },
): Promise<GreetingSettingsView> {
  const actor = me(ctx)
  const refusal = await ctx.contentCheck.check(input.template, ctx.openid ?? '')
  if (refusal) throw new AppError('CONTENT_REJECTED', refusal, { template: refusal })
  const at = nowIso(ctx)
  const fields = { template: input.template, includeRetired: input.includeRetired, updatedAt: at, updatedBy: actor._id }
  const updated = await ctx.store.updateOne(
    GC.settings,
    { _id: actor.unionId, unionId: actor.unionId },
    { $set: fields },
  )
  if (!updated) {
    const doc: GreetingSettingsDoc = { _id: actor.unionId, unionId: actor.unionId, ...fields }
    try {
      await ctx.store.insert(GC.settings, doc)
    } catch {
      // Another save created it between our update and insert: ours is the later word.
      await ctx.store.updateOne(GC.settings, { _id: actor.unionId, unionId: actor.unionId }, { $set: fields })
    }
  }
  return toView({ template: input.template, includeRetired: input.includeRetired, isDefault: false })
}
