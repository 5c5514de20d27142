import assert from 'node:assert/strict'
import { test } from 'node:test'
import { externalHref, formatDate } from '../../src/web/plugins/format.js'

test('dates read the GOV.UK way', () => {
  assert.equal(formatDate('2025-03-04'), '4 March 2025')
  assert.equal(formatDate('2025-12-31T10:00:00Z'), '31 December 2025')
  assert.equal(formatDate('not a date'), 'not a date')
})

test('web addresses as documents print them become safe links', () => {
  assert.equal(externalHref('www.stoke.gov.uk/localoffer'), 'https://www.stoke.gov.uk/localoffer')
  assert.equal(externalHref('http://www.st.rbkc.sch.uk'), 'http://www.st.rbkc.sch.uk')
  assert.equal(externalHref('javascript:alert(1)'), undefined)
  assert.equal(externalHref('data:text/html,hi'), undefined)
  assert.equal(externalHref('see the school office'), undefined)
})
