import type { Clock } from '@/core/shared/ports'

/** System time, optionally moved to a fixed instant for demos and tests ("pretend it is 郭婷's birthday"). */
export class SettableClock implements Clock {
  private fixed: Date | null = null

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date()
  }

  set(instant: Date | null): void {
    this.fixed = instant ? new Date(instant.getTime()) : null
  }
}
