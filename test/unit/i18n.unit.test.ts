// Every string a page shows comes from the catalogue: every key the code names must exist.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { AGE_BANDS, HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS } from '../../src/domain/model.js'
import { BROAD_AREAS, NEED_CODES } from '../../src/domain/needs.js'
import { hasKey, translator } from '../../src/web/i18n/index.js'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : /\.(ts|njk)$/.test(name) ? [path] : []
  })
}

test('every literal key used in templates and routes exists in the English catalogue', () => {
  const missing: string[] = []
  for (const file of files('src/web')) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z0-9_.-]+)'/g)) {
      // t('admin.roles.' + role): the section must exist; its keys are checked where the codes are listed.
      const key = match[1]!.endsWith('.') ? match[1]!.slice(0, -1) : match[1]!
      if (!hasKey(key)) missing.push(`${file}: ${match[1]}`)
    }
  }
  assert.deepEqual(missing, [])
})

test('every code the pages label has a label', () => {
  const keys = [
    ...['administrator', 'officer', 'editor'].flatMap((role) => [`admin.roles.${role}`, `admin.roleHints.${role}`]),
    ...NEED_CODES.map((code) => `needs.${code}`),
    ...BROAD_AREAS.map((area) => `needHints.${area}`),
    ...AGE_BANDS.flatMap((band) => [`ages.${band.id}`, `ageHints.${band.id}`]),
    ...HELP_KINDS.flatMap((kind) => [`helpKinds.${kind}`, `helpKindHints.${kind}`]),
    ...PROVIDER_TYPES.map((type) => `providerTypes.${type}`),
    ...PROVISION_LEVELS.flatMap((level) => [`levels.${level}`, `levelsShort.${level}`]),
  ]
  assert.deepEqual(keys.filter((key) => !hasKey(key)), [])
})

test('parameters and plurals are filled in; a missing key shows itself', () => {
  const t = translator('en')
  assert.equal(t('search.resultCount', { count: 1 }), '1 result')
  assert.equal(t('search.resultCount', { count: 3 }), '3 results')
  assert.equal(t('search.titleFor', { q: 'autism' }), 'Results for ‘autism’')
  assert.equal(t('no.such.key'), 'no.such.key')
})
