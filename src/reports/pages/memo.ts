// Assessing a report takes tens of milliseconds, so each app keeps its recent assessments in a
// small map. The key holds the school id, a hash of the text and the day: a changed report or a
// new day (which can make a report overdue) is assessed afresh. Least recently used goes first.
import { createHash } from 'node:crypto'
import { assessReport, type Assessment } from '../assess.js'
import { createLru } from '../../lru.js'

export interface AssessmentMemo {
  assess(schoolId: string, text: string, today: string): Assessment
  readonly size: number
}

/** What an assessment depends on: the school, its report's exact text, and the day (overdue or not). */
export function assessmentKey(schoolId: string, text: string, today: string): string {
  return `${schoolId}:${createHash('sha256').update(text).digest('base64url')}:${today}`
}

export function createAssessmentMemo(maxEntries = 64): AssessmentMemo {
  const kept = createLru<string, Assessment>(maxEntries)
  return {
    assess(schoolId, text, today) {
      const key = assessmentKey(schoolId, text, today)
      const found = kept.get(key)
      if (found) return found
      const assessment = assessReport(text, { today })
      kept.set(key, assessment)
      return assessment
    },
    get size() {
      return kept.size
    },
  }
}

// One memo per app (its services object), shared by the report, compare and council pages,
// and dropped with the app: tests that build many apps never share or leak assessments.
const memos = new WeakMap<object, AssessmentMemo>()

export function memoFor(owner: object): AssessmentMemo {
  let memo = memos.get(owner)
  if (!memo) {
    memo = createAssessmentMemo()
    memos.set(owner, memo)
  }
  return memo
}

/** Today as YYYY-MM-DD (UTC), the date every assessment is made on. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}
