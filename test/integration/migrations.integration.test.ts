import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { onEveryStore } from '../support/stores.js'
import { migrateToLatest } from '../../src/db/migrate.js'

onEveryStore('migrations', (store) => {
  test('create every table, and running them again changes nothing', async () => {
    const { db } = store()
    const again = await migrateToLatest(store())
    assert.deepEqual(again, [])
    const row = await db.selectFrom('services').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
    assert.equal(Number(row.n), 0)
  })
})
