import type { DependencyList } from 'react'
import type { ActionInput } from '@/core/contract'
import type { BoardPage } from '@/core/proposals/views'
import { usePages, type Pages } from '@/hooks/usePages'
import { call } from '@/services/api'

type BoardInput = Omit<ActionInput<'proposals.board'>, 'cursor'>

export type BoardList = Pages<BoardPage>

const NOTHING: BoardPage = { items: [], more: false }

/** A paged proposal list (proposals.board) with these filters; `input` null: nothing to load (yet). */
export function useBoard(input: BoardInput | null, deps: DependencyList): BoardList {
  return usePages<BoardPage>(
    (cursor) => (input ? call('proposals.board', cursor ? { ...input, cursor } : input) : Promise.resolve(NOTHING)),
    deps,
  )
}
