// English strings of the oidc pages and messages: part of the catalogue in ../en.ts.
import type { Catalogue } from '../index.js'

export const oidc = {
  signInButton: 'Sign in with your council account',
  notStaffTitle: 'You cannot sign in with your council account',
  notStaff:
    'Signing in with a council account is for council staff who already have an account on the Local Offer. If you need one, ask a council administrator. Schools and providers sign in with their email address and password.',
  cancelledTitle: 'Signing in with your council account did not finish',
  cancelled: 'Your council’s sign-in service did not confirm who you are. Go back to the sign-in page and try again, or sign in with your email address and password.',
  expiredTitle: 'Sorry, this sign-in has expired',
  expired: 'For your security, signing in with your council account must be finished within 10 minutes, in the browser where you started. Go back to the sign-in page and try again.',
  unavailableTitle: 'Sorry, signing in with your council account is not working at the moment',
  unavailable: 'Try again later, or sign in with your email address and password.',
} satisfies Catalogue
