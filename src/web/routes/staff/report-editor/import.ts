// Importing a school's existing report: /manage/schools/:id/report/import. The upload (.docx,
// .pdf, .html or .txt, at most 5 MB) is read with the report extractors, split into Schedule 1
// items and saved as a draft, never published directly; then the editor shows it for review.
// Bad files get a specific error on the page and store nothing.
//
// Multipart bodies are read only in this plugin. The fields are put on request.body before the
// CSRF check runs (multipart's preValidation, before the root preHandler), so the form's hidden
// `_csrf` field is checked exactly as a url-encoded form's is.
import { basename, extname } from 'node:path'
import multipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { importDraft } from '../../../../publishing/school-reports.js'
import type { ReportFieldError } from '../../../../reports/editor.js'
import { detectFormat, extractReport, isReportImportError, type ReportFormat } from '../../../../reports/extract/index.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { editableSubject } from '../publishing/common.js'
import { fieldLabel, fromFields, fromOf, HEADINGS, openedFrom, reportWorkflow } from './common.js'
import { conflictPage } from './edit.js'

const t = translator('en')

export const MAX_UPLOAD_MB = 5
const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
const ACCEPTED = ['.docx', '.pdf', '.html', '.htm', '.txt']
const FILE_FIELD = 'report'
// @fastify/multipart's codes for a body that is not the form's: more files, fields or parts than it has.
const UPLOAD_LIMITS = new Set(['FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PROTO_VIOLATION'])

type SchoolRequest = FastifyRequest<{ Params: { id: string } }>

/** What the upload's file part becomes on request.body: only this plugin makes one. */
interface Upload {
  kind: 'upload'
  fileName: string
  bytes: Buffer
}

function isUpload(value: unknown): value is Upload {
  return typeof value === 'object' && value !== null && (value as Upload).kind === 'upload' && Buffer.isBuffer((value as Upload).bytes)
}

/** A problem with the upload, as the page says it, and the status it is sent with. */
interface UploadError {
  text: string
  status: 400 | 413
}

const uploadError = (key: string, status: 400 | 413 = 400, params: Record<string, string | number> = {}): UploadError => ({ text: t(`reportEditor.import.errors.${key}`, params), status })

/** The extractor's coded errors as the page's own words, specific to the format where that helps. */
function extractError(error: unknown, format: ReportFormat | undefined): UploadError {
  if (!isReportImportError(error)) return uploadError('unreadable')
  switch (error.code) {
    case 'REPORT_EMPTY':
      return uploadError('noText')
    case 'REPORT_TOO_LARGE':
      return uploadError('tooLarge', 413, { max: MAX_UPLOAD_MB })
    case 'REPORT_UNSUPPORTED':
      return uploadError('wrongType')
    case 'REPORT_UNREADABLE':
      return uploadError(format === 'docx' ? 'unreadableDocx' : format === 'pdf' ? 'unreadablePdf' : 'unreadable')
  }
}

function splitErrors(errors: readonly ReportFieldError[]): UploadError {
  const total = errors.find((error) => error.field === 'total')
  if (total) return uploadError('totalTooLong', 400, { count: total.count.toLocaleString('en-GB'), max: total.max.toLocaleString('en-GB') })
  const first = errors[0]
  return uploadError('sectionTooLong', 400, { field: first && first.field !== 'total' ? fieldLabel(first.field) : '', max: (first?.max ?? 0).toLocaleString('en-GB') })
}

export function importReportRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const changes = reportWorkflow(services)
  const base = (id: string) => `/manage/schools/${id}/report`

  const editable = (request: SchoolRequest, reply: FastifyReply) => editableSubject(changes, request, reply)

  async function importPage(request: SchoolRequest, reply: FastifyReply, error?: UploadError) {
    const current = await editable(request, reply)
    if (!current) return reply
    return reply.code(error?.status ?? 200).page('staff/report-editor/import.njk', {
      pageTitle: t('reportEditor.import.title', { school: current.name }),
      breadcrumbs: [
        { text: t('site.breadcrumbHome'), href: '/' },
        { text: t('manage.title'), href: '/manage' },
      ],
      csrfToken: reply.csrfToken(),
      me: request.user,
      formAction: `${base(request.params.id)}/import`,
      editHref: `${base(request.params.id)}/edit`,
      fromFields: fromFields(openedFrom(current)),
      open: current.open,
      fileField: FILE_FIELD,
      accept: ACCEPTED.join(','),
      maxMb: MAX_UPLOAD_MB,
      error,
      errors: error ? [{ text: error.text, href: `#${FILE_FIELD}` }] : [],
    })
  }

  /** The upload's problem, if any, before anything is read: no file, a type we do not read, nothing in it. */
  function checkUpload(upload: Upload | undefined): UploadError | undefined {
    if (!upload || (upload.fileName === '' && upload.bytes.length === 0)) return uploadError('missing')
    const extension = extname(upload.fileName).toLowerCase()
    if (!ACCEPTED.includes(extension)) return uploadError('wrongType')
    if (upload.bytes.length === 0) return uploadError('empty')
    return undefined
  }

  return async (app) => {
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // One file and a few hidden fields; anything more is not this form.
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 8, parts: 10, fieldSize: 4096 },
      async onFile(part: MultipartFile) {
        const bytes = await part.toBuffer()
        // Only the form's own file field is kept; keyValues puts `value` on request.body. A part with
        // no file name (an empty file input) is still a file to busboy; old browsers send a full path.
        const fileName = basename((part.filename ?? '').replace(/\\/g, '/'))
        if (part.fieldname === FILE_FIELD) Object.assign(part, { value: { kind: 'upload', fileName, bytes } satisfies Upload })
      },
    })

    app.get<{ Params: { id: string } }>('/manage/schools/:id/report/import', { config: { access: 'manage' } }, (request, reply) => importPage(request, reply))

    // Upload limits are met while the body is read, before the handler: say so on the page. Any
    // other error goes on to the app's own handler.
    app.setErrorHandler(async (error: FastifyError, request: SchoolRequest, reply) => {
      if (request.method === 'POST' && error.code === 'FST_REQ_FILE_TOO_LARGE') return importPage(request, reply, uploadError('tooLarge', 413, { max: MAX_UPLOAD_MB }))
      if (request.method === 'POST' && UPLOAD_LIMITS.has(error.code)) return importPage(request, reply, uploadError('unreadable'))
      throw error
    })

    app.post<{ Params: { id: string } }>(
      '/manage/schools/:id/report/import',
      { config: { access: 'manage' } },
      async (request, reply) => {
        const current = await editable(request, reply)
        if (!current) return reply
        const body = (request.body ?? {}) as Record<string, unknown>
        const from = fromOf(body)
        const upload = isUpload(body[FILE_FIELD]) ? body[FILE_FIELD] : undefined
        const problem = checkUpload(upload)
        if (!upload || problem) return importPage(request, reply, problem ?? uploadError('missing'))
        if (!from) return reply.errorPage(400, 'badForm')
        let format: ReportFormat | undefined
        let text: string
        try {
          format = detectFormat(upload.bytes, upload.fileName)
          text = (await extractReport(upload.bytes, { fileName: upload.fileName })).text
        } catch (error) {
          return importPage(request, reply, extractError(error, format))
        }
        const imported = await importDraft(changes, HEADINGS, { schoolId: request.params.id, text, actorId: request.user!.id, from })
        if (!imported) return reply.callNotFound()
        // (An open change is only ever refused when there is no form's `from`, as for the CLI.)
        if (!imported.ok) return 'errors' in imported ? importPage(request, reply, splitErrors(imported.errors)) : reply.callNotFound()
        if (!imported.outcome.ok) return conflictPage(db, request, reply, imported.outcome.conflict, imported.split.content)
        const query = new URLSearchParams({ done: 'imported', file: upload.fileName, placed: String(imported.split.placed), unplaced: String(imported.split.unplaced) })
        return reply.redirect(`${base(request.params.id)}/edit?${query.toString()}`, 303)
      },
    )
  }
}
