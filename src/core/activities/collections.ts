/** Collection names of activities, in one place so indexes, seeds and use cases agree. */
export const AC = {
  activities: 'activities',
  signups: 'activitySignups',
  /** One check-in secret per union (`_id` = unionId); never leaves the server. */
  secrets: 'activitySecrets',
  /** Captain-formed teams. */
  teams: 'activityTeams',
  /** Wrong check-in codes per member, activity and 10-minute window. */
  checkinFailures: 'activityCheckinFailures',
  /** Cover pictures the chair uploaded; an activity names one by id. */
  covers: 'activityCovers',
} as const
