// `npm start` on a fresh machine: the real server process creates its SQLite file, loads the
// demo data on first start, and serves the site. The second start keeps the data it has.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'

const dataDir = mkdtempSync(join(tmpdir(), 'local-offer-start-'))
const running: ChildProcess[] = []
after(() => running.forEach((child) => child.kill('SIGTERM')))

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function start(): Promise<{ base: string; child: ChildProcess; logs: () => string }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const base = `http://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 120; attempt += 1) {
    try {
      if ((await fetch(`${base}/health`)).ok) return { base, child, logs: () => output }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  child.kill('SIGTERM')
  throw new Error(`the server did not start:\n${output}`)
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise((resolve) => {
    child.once('exit', resolve)
    child.kill('SIGTERM')
  })
}

test('first start loads the demo data and serves it; a restart keeps it', async () => {
  const first = await start()
  const page = await (await fetch(`${first.base}/search?q=autism`)).text()
  assert.match(page, /Communication and Autism Team/)
  assert.match(first.logs(), /demo data loaded/)
  assert.doesNotMatch(first.logs(), /q=autism/, 'search words stay out of the logs')
  await stop(first.child)

  const second = await start()
  assert.doesNotMatch(second.logs(), /demo data loaded/)
  const home = await fetch(`${second.base}/`)
  assert.equal(home.status, 200)
  await stop(second.child)
})
