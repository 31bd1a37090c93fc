/** Collection names of activities, in one place so indexes, seeds and use cases agree. */
export const AC = {
  activities: 'activities',
  signups: 'activitySignups',
  /** One check-in secret per union (`_id` = unionId); never leaves the server. */
  secrets: 'activitySecrets',
} as const
