// Forms: cookies, url-encoded bodies (small: no form here needs more than 64 KB) and the CSRF check.
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import { setUpCsrf } from './csrf.js'

export async function setUpForms(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(cookie)
  await app.register(formbody, { bodyLimit: 64 * 1024 })
  setUpCsrf(app, config)
}
