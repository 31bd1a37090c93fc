import * as v from 'valibot'

/**
 * The two inputs of a paged list: how many rows (bounded, so no request grows with the union) and where the
 * previous page ended (an opaque cursor the server handed out, see keyset.ts).
 */
export const pageLimit = (max: number) =>
  v.optional(
    v.pipe(
      v.number('每页条数不正确'),
      v.integer('每页条数不正确'),
      v.minValue(1, '每页条数不正确'),
      v.maxValue(max, `每页最多${max}条`),
    ),
  )

export const pageCursor = v.optional(
  v.pipe(v.string('页码不正确，请刷新'), v.regex(/^[A-Za-z0-9_:.~-]{3,200}$/, '页码不正确，请刷新')),
)

/** What a paged list answers besides its rows: whether more follow and where to ask for them. */
export interface PageInfo {
  more: boolean
  /** The cursor of the next page; present exactly when `more` is true. */
  next?: string
}
