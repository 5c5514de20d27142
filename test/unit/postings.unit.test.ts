// The posting lists' query logic: PostgreSQL's tsquery text as a tree, and the tree over lists,
// checked against a plain evaluation of each document's set of lexemes.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { driversOf, evaluate, IN_NAME, MATCH_IN_NAME, parseTsquery, scoreOrder, type LexemeTree, type Postings } from '../../src/search/postings.js'
import { firstInOrder } from '../../src/search/tally.js'

test('the tsquery text PostgreSQL prints becomes a tree of & and |', () => {
  assert.deepEqual(parseTsquery("'autism' | 'asd'"), { op: 'or', children: [{ lexeme: 'autism' }, { lexeme: 'asd' }] })
  assert.deepEqual(parseTsquery("( 'speech' & 'therapi' | 'salt' ) & 'free'"), {
    op: 'and',
    children: [{ op: 'or', children: [{ op: 'and', children: [{ lexeme: 'speech' }, { lexeme: 'therapi' }] }, { lexeme: 'salt' }] }, { lexeme: 'free' }],
  })
  assert.deepEqual(parseTsquery("'o''brien'"), { lexeme: "o'brien" })
})

test('what the lists cannot answer exactly is refused, so the tsvector answers it', () => {
  for (const text of ["'speech' <-> 'languag'", "!'autism'", "'aut':*", "'autism':A", '', "( 'a' | 'b'", "'a' 'b'"]) {
    assert.equal(parseTsquery(text), undefined, text)
  }
})

/** Documents as sets of lexemes, some in the name; the lists made from them. */
const DOCS: Array<{ id: number; name: string[]; body: string[] }> = [
  { id: 1, name: ['autism'], body: ['support'] },
  { id: 2, name: [], body: ['autism', 'asd', 'support'] },
  { id: 3, name: ['speech'], body: ['therapi'] },
  { id: 5, name: [], body: ['speech', 'languag', 'therapi'] },
  { id: 8, name: ['asd', 'support'], body: [] },
  { id: 9, name: [], body: ['free'] },
]

function lists(): Map<string, Postings> {
  const found = new Map<string, Array<[number, number]>>()
  for (const doc of DOCS) {
    for (const lexeme of new Set([...doc.name, ...doc.body])) {
      const score = doc.name.includes(lexeme) ? 10 | IN_NAME : 1
      found.set(lexeme, [...(found.get(lexeme) ?? []), [doc.id, score]])
    }
  }
  return new Map([...found].map(([lexeme, entries]) => [lexeme, { ids: Int32Array.from(entries.map((e) => e[0])), scores: Uint16Array.from(entries.map((e) => e[1])) }]))
}

function holds(tree: LexemeTree, lexemes: string[]): boolean {
  if ('lexeme' in tree) return lexemes.includes(tree.lexeme)
  return tree.op === 'and' ? tree.children.every((child) => holds(child, lexemes)) : tree.children.some((child) => holds(child, lexemes))
}

test('the lists give exactly the documents the query holds for, and which hold by the name alone', () => {
  for (const text of ["'autism' | 'asd'", "'asd' & 'support'", "( 'speech' & 'therapi' ) | 'autism'", "'speech' & ( 'languag' | 'therapi' ) & 'free'", "'nothing'", "'support' | 'free' | 'speech'"]) {
    const tree = parseTsquery(text)!
    const matches = evaluate(tree, lists(), 10)
    const expected = DOCS.filter((doc) => holds(tree, [...doc.name, ...doc.body]))
    assert.deepEqual([...matches.ids], expected.map((doc) => doc.id), text)
    const inName = [...matches.scores].map((score) => (score & MATCH_IN_NAME) !== 0)
    assert.deepEqual(inName, expected.map((doc) => holds(tree, doc.name)), `${text}: in the name`)
  }
})

test('relevance: name matches first, then the higher score, then the lower doc_id', () => {
  const matches = evaluate(parseTsquery("'autism' | 'asd' | 'support'")!, lists(), 10)
  const order = firstInOrder(matches.ids, 10, scoreOrder(matches, 10))
  // 1 and 8 match in the name (1: autism 10 + support 1; 8: asd 10 + support 10); 2 only in the body.
  assert.deepEqual(order, [8, 1, 2])
})

test('limited to an area, the lists give the same matches as without, kept to the area', () => {
  const area = Int32Array.from([2, 3, 8, 9])
  for (const text of ["'autism' | 'asd'", "'asd' & 'support'", "'speech' | 'support' | 'free'"]) {
    const tree = parseTsquery(text)!
    const everywhere = evaluate(tree, lists(), 10)
    const near = evaluate(tree, lists(), 10, area)
    const kept = [...everywhere.ids].map((id, index) => [id, everywhere.scores[index]!] as const).filter(([id]) => area.includes(id))
    assert.deepEqual([...near.ids], kept.map(([id]) => id), text)
    assert.deepEqual([...near.scores], kept.map(([, score]) => score), `${text}: scores`)
  }
})

test('one evaluation leaves nothing behind for the next: the work arrays are shared', () => {
  const first = evaluate(parseTsquery("'support' | 'free'")!, lists(), 10)
  evaluate(parseTsquery("'autism'")!, lists(), 10, Int32Array.from([1, 2]))
  const again = evaluate(parseTsquery("'support' | 'free'")!, lists(), 10)
  assert.deepEqual([...again.ids], [...first.ids])
  assert.deepEqual([...again.scores], [...first.scores])
  // A document only the area run marked must not turn up in a run without it.
  assert.deepEqual([...evaluate(parseTsquery("'therapi'")!, lists(), 10).ids], [3, 5])
})

test('documents written after the doc values were read (doc_id >= size) are not matched yet', () => {
  assert.deepEqual([...evaluate(parseTsquery("'asd' | 'support'")!, lists(), 8).ids], [1, 2])
})

test("drivers: an OR needs every child's, an AND only its shortest child's", () => {
  const lengths: Record<string, number> = { parent: 110, partnership: 3, sendiass: 34, advice: 5, information: 49 }
  const tree = parseTsquery("'sendiass' | 'parent' & 'partnership' | 'information' & 'advice'")!
  const drivers = driversOf(tree, (lexeme) => lengths[lexeme] ?? 0)
  assert.deepEqual(drivers.lexemes.sort(), ['advice', 'partnership', 'sendiass'])
  assert.equal(drivers.length, 42)
})
