// Single sign-on for council staff through the council's OpenID Connect provider. The provider says
// who someone is; only this site's accounts say what they may do, so only an existing, enabled
// account with a council role is signed in (docs/decisions/0010-single-sign-on.md).
import type { Kysely } from 'kysely'
import * as client from 'openid-client'
import type { Config } from '../config.js'
import type { Database } from '../db/schema.js'
import { audit } from './audit.js'
import { startSession } from './sessions.js'
import { findUser, personOf, type User } from './users.js'

export interface OidcSettings {
  issuer: URL
  clientId: string
  clientSecret: string
}

/** The settings, or undefined when single sign-on is not set up. */
export function oidcSettings(config: Pick<Config, 'NODE_ENV' | 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET'>): OidcSettings | undefined {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = config
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return undefined
  const issuer = new URL(OIDC_ISSUER)
  // Refused at start-up rather than on every sign-in: openid-client would refuse it anyway.
  if (issuer.protocol !== 'https:' && config.NODE_ENV === 'production') {
    throw new Error('Invalid settings:\n  OIDC_ISSUER: must be an https:// address in production')
  }
  return { issuer, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET }
}

/** What must come back with the person: kept in their browser between leaving and returning. */
export interface OidcChecks {
  state: string
  nonce: string
  codeVerifier: string
}

/** Who the provider says this is. */
export interface OidcIdentity {
  email: string | undefined
  emailVerified: boolean
}

/**
 * unavailable: the provider could not be reached or is misconfigured. cancelled: the provider
 * answered with an error (the person said no, or it refused them). refused: the answer failed a
 * check (state, nonce, PKCE, a code already used). `code` names the check, never any token or claim.
 */
export class OidcError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'cancelled' | 'refused',
    readonly code: string,
  ) {
    super(`single sign-on ${kind}: ${code}`)
  }
}

export interface OidcClient {
  /** Where to send the person, and what to keep until they come back to `redirectUri`. */
  start(redirectUri: URL): Promise<{ url: URL; checks: OidcChecks }>
  /** Checks the provider's answer (the callback address with its query) and redeems its code. */
  finish(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity>
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | undefined

  // Once, on first use, so the site starts even when the provider is down; a failure is not kept.
  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, { client_secret: settings.clientSecret }, client.ClientSecretBasic(settings.clientSecret), {
        timeout: 10,
        // Plain http only reaches this point outside production (oidcSettings), for tests and local use.
        execute: settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = undefined
        throw new OidcError('unavailable', codeOf(error))
      })
    return discovered
  }

  return {
    async start(redirectUri) {
      const config = await configuration()
      const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() }
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri.href,
        scope: 'openid email',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      })
      return { url, checks }
    },

    async finish(callbackUrl, checks) {
      const config = await configuration()
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.codeVerifier,
          idTokenExpected: true,
        })
        const claims = tokens.claims()
        return { email: typeof claims?.email === 'string' ? claims.email : undefined, emailVerified: claims?.email_verified === true }
      } catch (error) {
        throw classify(error)
      }
    },
  }
}

function classify(error: unknown): OidcError {
  if (error instanceof client.AuthorizationResponseError) return new OidcError('cancelled', error.error)
  // A wrong client id or secret is the site's fault, not the person's: nothing they can retry.
  if (error instanceof client.WWWAuthenticateChallengeError) return new OidcError('unavailable', 'invalid_client')
  if (error instanceof client.ResponseBodyError) return new OidcError(error.error === 'invalid_client' ? 'unavailable' : 'refused', error.error)
  if (error instanceof client.ClientError) {
    const unreachable = error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON'
    return new OidcError(unreachable ? 'unavailable' : 'refused', codeOf(error))
  }
  if (isNetworkError(error)) return new OidcError('unavailable', codeOf(error))
  throw error
}

function isNetworkError(error: unknown): boolean {
  return (error instanceof TypeError && error.message === 'fetch failed') || (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
}

/** A name for the log: an error code, never a message that might quote a response. */
function codeOf(error: unknown): string {
  if (error instanceof client.ClientError && error.code) return error.code
  if (isNetworkError(error)) return 'network'
  return error instanceof Error ? error.name : 'unknown'
}

export type OidcSignIn = { ok: true; user: User; token: string } | { ok: false; reason: 'unverified' | 'no-account' | 'disabled' | 'not-staff' }

/** Signs in the council staff account with the provider's verified email, as a password sign-in would. */
export async function signInWithOidc(db: Kysely<Database>, identity: OidcIdentity): Promise<OidcSignIn> {
  if (!identity.email || !identity.emailVerified) return { ok: false, reason: 'unverified' }
  const user = await findUser(db, { email: identity.email })
  if (!user) return { ok: false, reason: 'no-account' }
  if (user.disabled) return { ok: false, reason: 'disabled' }
  if (user.role !== 'administrator' && user.role !== 'officer') return { ok: false, reason: 'not-staff' }
  const token = await startSession(db, user.id)
  await audit(db, { actorId: user.id, action: 'sign-in.oidc' })
  return { ok: true, user: personOf(user), token }
}
