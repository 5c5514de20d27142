import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadConfig, siteUrl } from '../../src/config.js'

test('defaults serve the demo on localhost:3000 from an embedded SQLite file', () => {
  const config = loadConfig({})
  assert.equal(config.PORT, 3000)
  assert.equal(config.HOST, 'localhost')
  assert.equal(config.database.kind, 'sqlite')
  assert.match(config.database.kind === 'sqlite' ? config.database.file : '', /data\/local-offer\.sqlite$/)
  assert.equal(config.SEED_DEMO_DATA, true)
})

test('a postgres:// DATABASE_URL switches to PostgreSQL; a path means SQLite there', () => {
  assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database, { kind: 'postgres', url: 'postgres://u@h:5432/db' })
  assert.deepEqual(loadConfig({ DATABASE_URL: '/tmp/x.sqlite' }).database, { kind: 'sqlite', file: '/tmp/x.sqlite' })
  const inDataDir = loadConfig({ DATA_DIR: '/srv/lo' }).database
  assert.deepEqual(inDataDir, { kind: 'sqlite', file: '/srv/lo/local-offer.sqlite' })
})

test('bad settings are refused with every problem named', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty', HOME_COUNCIL_CODE: 'Birmingham' }), (error: Error) => {
    assert.match(error.message, /PORT/)
    assert.match(error.message, /HOME_COUNCIL_CODE: an ONS local authority code/)
    return true
  })
})

test('production refuses demo data, and needs a secret to sign forms with', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SEED_DEMO_DATA: must be false in production/)
  const secret = 'a-long-enough-secret-for-signing-forms-0123'
  const smtp = 'smtp://mail.example:587'
  assert.equal(loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'false', SESSION_SECRET: secret, SMTP_URL: smtp }).SEED_DEMO_DATA, false)
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'false', SMTP_URL: smtp }), /SESSION_SECRET: required in production/)
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'false', SESSION_SECRET: secret }), /SMTP_URL: required in production/)
  assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /SESSION_SECRET: at least 32 characters/)
  assert.equal(loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'false', SESSION_SECRET: secret, SMTP_URL: smtp }).COOKIE_SECURE, true)
  assert.equal(loadConfig({}).COOKIE_SECURE, false)
})

test('single sign-on needs its issuer, client id and secret together', () => {
  assert.throws(() => loadConfig({ OIDC_ISSUER: 'https://id.example' }), /set all three for single sign-on, or none/)
  const config = loadConfig({ OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'local-offer', OIDC_CLIENT_SECRET: 'secret' })
  assert.equal(config.OIDC_CLIENT_ID, 'local-offer')
})

test('the site address for mails comes from SITE_URL, or from where the site listens', () => {
  assert.equal(siteUrl(loadConfig({ SITE_URL: 'https://offer.example.gov.uk/' })), 'https://offer.example.gov.uk')
  assert.equal(siteUrl(loadConfig({ HOST: '0.0.0.0', PORT: '8080' })), 'http://localhost:8080')
  assert.throws(() => loadConfig({ SITE_URL: 'javascript:alert(1)' }), /SITE_URL/)
})
