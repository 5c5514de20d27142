import assert from 'node:assert/strict'
import { test } from 'node:test'
import { diffFields, diffText } from '../../src/publishing/diff.js'

test('a changed sentence shows the words removed and added, in place', () => {
  const parts = diffText('Sessions run on Tuesday mornings.', 'Sessions run on Thursday mornings.')
  assert.deepEqual(
    parts.filter((part) => part.kind !== 'same').map((part) => [part.kind, part.text]),
    [
      ['removed', 'Tuesday'],
      ['added', 'Thursday'],
    ],
  )
  assert.equal(parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join(''), 'Sessions run on Thursday mornings.')
  assert.equal(parts.filter((part) => part.kind !== 'added').map((part) => part.text).join(''), 'Sessions run on Tuesday mornings.')
})

test('identical text has no parts; a field rewritten beyond the edit limit shows as replaced whole', () => {
  assert.deepEqual(diffText('same', 'same'), [])
  const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ')
  const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ')
  assert.deepEqual(diffText(before, after), [
    { text: before, kind: 'removed' },
    { text: after, kind: 'added' },
  ])
})

test('fields are compared as shown to the reader, in the order given', () => {
  const rows = diffFields(['name', 'needs'] as const, { name: 'Club', needs: ['autism'] }, { name: 'Club', needs: ['autism', 'adhd'] }, (field, value) => (Array.isArray(value) ? value.join(', ') : String(value)))
  assert.deepEqual(
    rows.map((row) => [row.field, row.changed]),
    [
      ['name', false],
      ['needs', true],
    ],
  )
  assert.equal(rows[1]!.after, 'autism, adhd')
})
