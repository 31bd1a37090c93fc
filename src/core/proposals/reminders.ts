import type { ReminderSource } from '../shared/reminders'

/** Reminders this capability asks the `reminders` job to send. */
export const proposalsReminders: ReminderSource[] = []
