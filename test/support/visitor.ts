// A visitor with a cookie jar, like a browser without JavaScript: GET pages, send forms with the
// CSRF token the page gave, keep whatever cookies the site sets.
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'

export interface Reply {
  statusCode: number
  headers: Record<string, unknown>
  body: string
  cookies: Array<{ name: string; value: string }>
}

export type Visitor = ReturnType<typeof visitor>

export function visitor(app: FastifyInstance) {
  const jar = new Map<string, string>()
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const remember = (reply: Reply) => {
    for (const { name, value } of reply.cookies) {
      if (value) jar.set(name, value)
      else jar.delete(name)
    }
    return reply
  }
  return {
    jar,
    get: async (url: string) => remember(await app.inject({ method: 'GET', url, headers: { cookie: cookie() } })),
    post: async (url: string, form: Record<string, string> | Array<[string, string]>) =>
      remember(
        await app.inject({
          method: 'POST',
          url,
          headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        }),
      ),
    /** The CSRF token of the form on a page. */
    async token(url: string) {
      const page = await this.get(url)
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
      assert.ok(token, `a CSRF token on ${url}`)
      return token
    },
    /** Signs in with email and password through the form; fails the test if that does not work. */
    async signIn(email: string, password: string) {
      const reply = await this.post('/sign-in', { _csrf: await this.token('/sign-in'), email, password })
      assert.equal(reply.statusCode, 303, `signed in as ${email}`)
      return reply
    },
  }
}
