import type { Job } from '../jobs'

/** Timed jobs of this capability; filled in by its issue. */
export const greetingsJobs: Job[] = []
