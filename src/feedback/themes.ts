// The themes officers tag feedback with. The list is the one place they are named: the inbox's
// checkboxes and filter, and "You said, we did" (which groups what it publishes by theme), read it.
export const FEEDBACK_THEMES = [
  'information-missing',
  'hard-to-find',
  'service-gap',
  'accessibility',
  'out-of-date',
  'wrong-contact',
  'praise',
  'other',
] as const

export type FeedbackTheme = (typeof FEEDBACK_THEMES)[number]

export function isFeedbackTheme(value: unknown): value is FeedbackTheme {
  return typeof value === 'string' && (FEEDBACK_THEMES as readonly string[]).includes(value)
}
