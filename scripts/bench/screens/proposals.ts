import { SEED as PROPOSALS } from '../../../src/server/seed/proposals'
import { call, measure } from '../round-trip-measure'
import { PEOPLE, type Screens } from './types'

/** 提交提案 (DraftPanel): the reply is the new detail, so nothing reloads. */
export const proposalScreens: Screens = async ({ emulator }) => {
  const submit = await measure(emulator, [
    [call(PEOPLE.delegate, 'proposals.submit', { proposalId: PROPOSALS.draftReady })],
  ])
  return { proposalSubmit: submit.figures }
}
