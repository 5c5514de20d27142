// Passwords: argon2id, and rules of length over complexity (as NCSC and NIST advise): at least 12
// characters, no upper limit worth meeting, and none of the passwords people most often choose.
import argon2 from 'argon2'

export const MIN_PASSWORD_LENGTH = 12
const MAX_PASSWORD_LENGTH = 256

// Words that make a password easy to guess on its own; with the site's own words they are checked
// in lower case, with digits and symbols stripped, so "Password123!" counts as "password".
const GUESSABLE = new Set([
  'password', 'passw0rd', 'qwerty', 'qwertyuiop', 'letmein', 'welcome', 'iloveyou', 'abc', 'abcdef', 'admin',
  'administrator', 'login', 'monkey', 'dragon', 'football', 'sunshine', 'princess', 'baseball', 'master',
  'trustno', 'changeme', 'secret', 'council', 'localoffer', 'local', 'offer', 'send', 'school', 'senco',
])

export type PasswordProblem = 'tooShort' | 'tooLong' | 'guessable' | 'containsEmail' | 'repetitive'

/** What is wrong with a new password, or undefined. `email` is the account's own address. */
export function passwordProblem(password: string, email: string): PasswordProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort'
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong'
  const letters = password.toLowerCase().replace(/[^a-z]/g, '')
  if (GUESSABLE.has(letters) || letters.length < 4) return 'guessable'
  const mailbox = email.toLowerCase().split('@')[0] ?? ''
  if (mailbox.length >= 4 && password.toLowerCase().includes(mailbox)) return 'containsEmail'
  // One or two characters over and over ("aaaaaaaaaaaa", "abababababab"), or a run of digits.
  if (new Set(password).size <= 2 || /^\d+$/.test(password)) return 'repetitive'
  return undefined
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id })
}

/** False for a wrong password and for a hash that is not ours; never throws on bad input. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

// A hash of no password anyone has: verifying against it when the account does not exist costs the
// same time as a real check, so response times do not tell which addresses have accounts.
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`no account ${Math.random()}`)
  return decoy
}
