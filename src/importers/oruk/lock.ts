// One ORUK import at a time, across app instances and an operator's CLI run (src/jobs/lock.ts).
import type { Store } from '../../db/connection.js'
import { withJobLock } from '../../jobs/lock.js'

/** Runs `work` holding the import lock; `{ ran: false }`, without running it, when another import holds it. */
export function withImportLock<T>(store: Store, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return withJobLock(store, 'oruk-import', work)
}
