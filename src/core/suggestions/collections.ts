export const SC = { suggestions: 'suggestions' } as const
