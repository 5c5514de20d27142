import pg from 'pg'
import { openStore } from '../src/db/connection.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { generatePostgres } from './generate.js'
const url = 'postgres://postgres@127.0.0.1:5432/test'
const schema = 'probe_national'
const admin = new pg.Client({ connectionString: url }); await admin.connect()
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); await admin.query(`CREATE SCHEMA ${schema}`); await admin.end()
const store = openStore({ kind: 'postgres', url }, { schema, poolSize: 2 })
await migrateToLatest(store); await store.close()
console.log(JSON.stringify(await generatePostgres(url, schema, 'national', console.log)))
