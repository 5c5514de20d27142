// Calendar days (YYYY-MM-DD) in UTC: "reviewed on 1 March" means the same day wherever the site is read.

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** The same day `months` later; a day the month lacks (31 February) becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return today(target)
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00Z`)
  at.setUTCDate(at.getUTCDate() + days)
  return today(at)
}
