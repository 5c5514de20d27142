// Random secrets handed out (session cookies, invitation and reset links) are stored only as their
// SHA-256, so the store never holds anything that would sign someone in.
import { createHash, randomBytes } from 'node:crypto'

export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function isoNow(now = new Date()): string {
  return now.toISOString()
}

export function isoIn(milliseconds: number, now = new Date()): string {
  return new Date(now.getTime() + milliseconds).toISOString()
}
