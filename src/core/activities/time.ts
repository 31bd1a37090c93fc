// Moved to src/core/shared/shanghai-time.ts; this forwarder goes once the poster and export pages import it there.
export { formatSpan, formatWhen, fromLocalInputs, toLocalInputs } from '../shared/shanghai-time'
