import pino, { type Logger } from 'pino'
import type { Config } from './config.js'

/** Structured JSON logs. Query strings may hold a family's postcode or words, so the URL is logged without them. */
export function createLogger(config: Config): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
    },
  })
}
