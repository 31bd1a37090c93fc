/** Collections of birthday greetings. */
export const GC = {
  settings: 'greetingSettings',
  gifts: 'birthdayGifts',
} as const
