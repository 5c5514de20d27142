// A school's self-evaluation against Schedule 1 (/manage/schools/:id/self-evaluation): the
// toolkit's grid, pre-filled from the report's assessment, saved as a whole with optimistic
// concurrency, and the same as CSV and as a printable page. For the school's own editors and
// council staff; an unknown school is a 404 before anyone's access is considered.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { findReportSchool, type ReportSchool } from '../../../../reports/pages/load.js'
import { memoFor, todayIso } from '../../../../reports/pages/memo.js'
import type { ItemId } from '../../../../reports/schedule1.js'
import {
  buildGrid,
  COMMENT_MAX,
  commentField,
  differences,
  gridVersion,
  lastSaved,
  readGridForm,
  readVersion,
  SELF_EVALUATION_STATUSES,
  selfEvaluationCsv,
  statusField,
  withValues,
  type Answer,
  type FieldError,
  type GridRow,
  type SavedAnswer,
  type SelfEvaluationStatus,
} from '../../../../reports/self-evaluation.js'
import type { Services } from '../../../../services.js'
import { csvRows } from '../../../csv.js'
import { hasKey, translator } from '../../../i18n/index.js'
import { mayEdit } from '../../../plugins/auth.js'
import { loadAnswers, saveAnswers } from './store.js'

const t = translator('en')

type SchoolRequest = FastifyRequest<{ Params: { id: string } }>

const statusLabel = (status: SelfEvaluationStatus | null): string => (status ? t(`selfEvaluation.status.${status}`) : '')

/** The toolkit's prompts for an item, numbered 1, 2… in the catalogue; none for most items. */
function promptsOf(id: ItemId): string[] {
  const prompts: string[] = []
  for (let n = 1; hasKey(`selfEvaluation.prompts.${id}.${n}`); n++) prompts.push(t(`selfEvaluation.prompts.${id}.${n}`))
  return prompts
}

function errorText(error: FieldError): string {
  if (error.problem === 'too-long') return t('selfEvaluation.errors.tooLong', { id: error.itemId, max: COMMENT_MAX.toLocaleString('en-GB') })
  return t(error.problem === 'missing' ? 'selfEvaluation.errors.missing' : 'selfEvaluation.errors.unknown', { id: error.itemId })
}

const errorHref = (error: FieldError): string => `#${error.field === 'status' ? statusField(error.itemId) : commentField(error.itemId)}`

/** What the grid template needs of a row: its fields' names, radios and any errors. */
function rowView(row: GridRow, errors: readonly FieldError[]) {
  const errorFor = (field: FieldError['field']) => {
    const found = errors.find((error) => error.itemId === row.id && error.field === field)
    return found ? errorText(found) : undefined
  }
  return {
    ...row,
    prompts: promptsOf(row.id),
    statusName: statusField(row.id),
    commentName: commentField(row.id),
    suggestionText: row.suggestion ? t('selfEvaluation.suggestion', { status: statusLabel(row.suggestion) }) : undefined,
    radioItems: SELF_EVALUATION_STATUSES.map((status) => ({ value: status, text: statusLabel(status), checked: row.status === status })),
    statusError: errorFor('status'),
    commentError: errorFor('comment'),
  }
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()
}

/** The download's file name: by URN where the register gives one, else by the school's name. */
export function csvFileName(school: Pick<ReportSchool, 'name' | 'urn'>): string {
  const urn = school.urn?.replace(/[^A-Za-z0-9]/g, '')
  return urn ? `self-evaluation-urn-${urn}.csv` : `self-evaluation-${slug(school.name) || 'school'}.csv`
}

export function selfEvaluationRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const memo = memoFor(services)
  const gridHref = (school: ReportSchool) => `/manage/schools/${school.id}/self-evaluation`

  /** The school, or the reply already sent: 404 for no such school, 403 for someone else's. */
  async function open(request: SchoolRequest, reply: FastifyReply): Promise<{ school: ReportSchool } | { sent: FastifyReply }> {
    const school = await findReportSchool(db, request.params.id)
    if (!school) {
      reply.callNotFound()
      return { sent: reply }
    }
    if (!mayEdit(request.user, school.id)) return { sent: reply.errorPage(403, 'forbidden') }
    return { school }
  }

  async function gridOf(school: ReportSchool): Promise<{ saved: SavedAnswer[]; rows: GridRow[] }> {
    const saved = await loadAnswers(db, school.id)
    // The same memo as the public report page, so the grid suggests exactly what that page shows.
    const assessment = school.reportText ? memo.assess(school.id, school.reportText, todayIso()) : null
    return { saved, rows: buildGrid(assessment, saved) }
  }

  function gridPage(reply: FastifyReply, school: ReportSchool, grid: { saved: SavedAnswer[]; rows: GridRow[] }, options: { version: number; errors?: FieldError[]; saved?: boolean }) {
    const errors = options.errors ?? []
    const href = gridHref(school)
    return reply.code(errors.length > 0 ? 400 : 200).page('staff/self-evaluation/self-evaluation.njk', {
      pageTitle: t('selfEvaluation.title', { school: school.name }),
      breadcrumbs: [
        { text: t('site.breadcrumbHome'), href: '/' },
        { text: t('manage.title'), href: '/manage' },
      ],
      csrfToken: reply.csrfToken(),
      school,
      rows: grid.rows.map((row) => rowView(row, errors)),
      version: options.version,
      lastSaved: lastSaved(grid.saved),
      hasReport: Boolean(school.reportText),
      anySuggested: grid.rows.some((row) => row.source === 'suggested'),
      errors: errors.map((error) => ({ text: errorText(error), href: errorHref(error) })),
      saved: options.saved ?? false,
      commentMax: COMMENT_MAX,
      commentMaxText: COMMENT_MAX.toLocaleString('en-GB'),
      formAction: href,
      csvHref: `${href}.csv`,
      printHref: `${href}/print`,
      reportHref: `/schools/${school.id}/report`,
    })
  }

  function conflictPage(reply: FastifyReply, school: ReportSchool, saved: SavedAnswer[], answers: Answer[]) {
    const answerView = (answer: Pick<Answer, 'status' | 'comment'> | null) =>
      answer ? { status: statusLabel(answer.status), comment: answer.comment || t('selfEvaluation.conflict.noComment') } : { status: t('selfEvaluation.conflict.noAnswer'), comment: '' }
    return reply.code(409).page('staff/self-evaluation/conflict.njk', {
      pageTitle: t('selfEvaluation.conflict.title'),
      csrfToken: reply.csrfToken(),
      school,
      lastSaved: lastSaved(saved),
      differences: differences(saved, answers).map((difference) => ({
        heading: t('selfEvaluation.itemHeading', { id: difference.id, title: difference.title }),
        theirs: answerView(difference.theirs),
        yours: answerView(difference.yours),
      })),
      // Saving again from here is deliberate: it is made against the version now saved.
      version: gridVersion(saved),
      fields: answers.flatMap((answer) => [
        { name: statusField(answer.itemId), value: answer.status },
        { name: commentField(answer.itemId), value: answer.comment },
      ]),
      formAction: gridHref(school),
      gridHref: gridHref(school),
    })
  }

  return async (app) => {
    app.get<{ Params: { id: string }; Querystring: { saved?: unknown } }>('/manage/schools/:id/self-evaluation', { config: { access: 'manage' } }, async (request, reply) => {
      const found = await open(request, reply)
      if ('sent' in found) return found.sent
      const grid = await gridOf(found.school)
      return gridPage(reply, found.school, grid, { version: gridVersion(grid.saved), saved: request.query.saved === '1' })
    })

    app.post<{ Params: { id: string } }>('/manage/schools/:id/self-evaluation', { config: { access: 'manage' } }, async (request, reply) => {
      const found = await open(request, reply)
      if ('sent' in found) return found.sent
      const { school } = found
      const body = typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}
      // The version is the form's own hidden field: without it a save could overwrite anything.
      const expectedVersion = readVersion(body.version)
      if (expectedVersion === undefined) return reply.code(400).page('pages/error.njk', { titleKey: 'errors.badRequestTitle' })
      const form = readGridForm(body)
      if (!form.answers) {
        const grid = await gridOf(school)
        return gridPage(reply, school, { saved: grid.saved, rows: withValues(grid.rows, form.values) }, { version: expectedVersion, errors: form.errors })
      }
      const result = await saveAnswers(db, { schoolId: school.id, answers: form.answers, expectedVersion, actorId: request.user!.id })
      if (!result.ok) return conflictPage(reply, school, await loadAnswers(db, school.id), form.answers)
      return reply.redirect(`${gridHref(school)}?saved=1`, 303)
    })

    app.get<{ Params: { id: string } }>('/manage/schools/:id/self-evaluation.csv', { config: { access: 'manage' } }, async (request, reply) => {
      const found = await open(request, reply)
      if ('sent' in found) return found.sent
      const grid = await gridOf(found.school)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(found.school)}"`)
        .header('x-content-type-options', 'nosniff')
        .send(csvRows(selfEvaluationCsv(t, grid.rows)))
    })

    app.get<{ Params: { id: string } }>('/manage/schools/:id/self-evaluation/print', { config: { access: 'manage' } }, async (request, reply) => {
      const found = await open(request, reply)
      if ('sent' in found) return found.sent
      const { school } = found
      const grid = await gridOf(school)
      return reply.page('staff/self-evaluation/print.njk', {
        pageTitle: t('selfEvaluation.print.title', { school: school.name }),
        school,
        today: todayIso(),
        lastSaved: lastSaved(grid.saved),
        rows: grid.rows.map((row) => ({
          heading: t('selfEvaluation.itemHeading', { id: row.id, title: row.title }),
          status: row.source === 'saved' ? statusLabel(row.status) : t('selfEvaluation.print.notAnswered'),
          comment: row.source === 'saved' ? row.comment : '',
          suggestion: statusLabel(row.suggestion),
        })),
        gridHref: gridHref(school),
      })
    })
  }
}
