/**
 * A cell of a sheet a use case hands out for Excel (报名签到表, 提案清单): text, a number, an instant (`at`, UTC
 * ISO) shown as Shanghai date and time, or a Shanghai day (`day`, YYYY-MM-DD) shown as a date; empty is null.
 * The domain says what a cell is; the server writes it (src/server/typed-sheet.ts).
 */
export type SheetCell = string | number | null | { at: string } | { day: string }
