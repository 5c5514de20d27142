// Operator commands: npm run cli -- <command> [arguments]
import { issueToken } from './accounts/account-tokens.js'
import { audit } from './accounts/audit.js'
import { createUser, findUser } from './accounts/users.js'
import { loadConfig, type Config } from './config.js'
import { openStore, type Store } from './db/connection.js'
import { migrateToLatest } from './db/migrate.js'
import { loadPostcodeLookup } from './geo/postcodes.js'
import { importGiasRegister } from './importers/gias/import.js'
import { giasReportLines } from './importers/gias/summary.js'
import { ORUK_USAGE, orukImportCommand } from './importers/oruk/command.js'
import { findSchoolByKey, importDraft, reportHeadings, schoolReportWorkflow } from './publishing/school-reports.js'
import { assessmentJson, assessReport } from './reports/assess.js'
import { extractReportFile, isReportImportError } from './reports/extract/index.js'
import { summaryLines } from './reports/summary.js'
import { rebuildSearchIndex } from './search/indexer.js'
import { isEmpty, loadDemoData } from './seed/load.js'
import { translator } from './web/i18n/index.js'

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                 bring the store's schema up to date
  seed                    load the demo data set into an empty store
  import gias <file.csv> [--full]
                          load or update schools from a GIAS establishments extract (Windows-1252 CSV);
                          --full: the file is the whole register, so held schools missing from it are reported
${ORUK_USAGE}
  reindex                 rebuild the search index from the stored services and schools
  backup <file>           SQLite only: copy the live store to <file> (online, consistent)
  user invite <email> --name "Full Name" --role administrator|officer [--site https://…]
                          make a council account and print its single-use link to set a password
  report assess <file> [--json] [--today YYYY-MM-DD]
                          check a school's SEN information report (.docx, .pdf, .html, .txt)
                          against Schedule 1; needs no database; --json prints only JSON
  report import <file> --school <urn|id> [--replace]
                          save a school's report as a draft in the report editor, split into Schedule 1
                          items, for the school to review; nothing is published; --replace: in place of
                          a change already open
`

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  // Before the store is opened: assessing a file needs no database and must print nothing else.
  if (command === 'report' && rest[0] !== 'import') return reportCommand(rest)
  const config = loadConfig()
  const store = openStore(config.database)
  try {
    await migrateToLatest(store)
    switch (command) {
      case 'migrate':
        console.log('The store is up to date.')
        return 0
      case 'seed': {
        if (!(await isEmpty(store.db))) {
          console.error('The store already holds data; the demo data set is only loaded into an empty store.')
          return 1
        }
        const report = await loadDemoData(store, await loadPostcodeLookup())
        console.log(`Loaded ${report.organisations} organisations, ${report.services} services, ${report.schools} schools from the seed documents, and ${report.gias.created} schools from the GIAS sample.`)
        return 0
      }
      case 'import': {
        const [kind, ...importArgs] = rest
        if (kind === 'oruk') return await orukImportCommand(store, importArgs, USAGE, console)
        const full = importArgs.includes('--full')
        const [file, ...unknown] = importArgs.filter((arg) => arg !== '--full')
        if (kind !== 'gias' || !file || unknown.length > 0) {
          console.error(USAGE)
          return 2
        }
        const report = await importGiasRegister(store, file, { full, onProgress: (progress) => console.error(`… ${progress.rows} rows`) })
        for (const line of giasReportLines(report)) console.log(line)
        return report.failedCount > 0 ? 1 : 0
      }
      case 'user': {
        const [action, email, ...options] = rest
        const option = (name: string) => {
          const at = options.indexOf(name)
          return at >= 0 ? options[at + 1] : undefined
        }
        const name = option('--name')
        const role = option('--role')
        if (action !== 'invite' || !email || !name || (role !== 'administrator' && role !== 'officer')) {
          console.error(USAGE)
          return 2
        }
        if (await findUser(store.db, { email })) {
          console.error(`Someone already has an account with ${email}.`)
          return 1
        }
        const user = await createUser(store.db, { email, name, role })
        const token = await issueToken(store.db, user.id, 'invitation')
        await audit(store.db, { actorId: null, action: 'user.invited', subject: user.id, details: { role, by: 'cli' } })
        const site = option('--site') ?? `http://localhost:${config.PORT}`
        console.log(`Invited ${user.email} as ${role}. This link sets their password; it works once, within 7 days:\n${site}/account/set-password?token=${token}`)
        return 0
      }
      case 'report':
        return await reportImportCommand(store, config, rest.slice(1))
      case 'reindex':
        console.log(`Indexed ${await rebuildSearchIndex(store)} services and schools.`)
        return 0
      case 'backup': {
        const [file] = rest
        if (config.database.kind !== 'sqlite' || !file) {
          console.error(config.database.kind === 'sqlite' ? USAGE : 'For PostgreSQL, use pg_dump (see docs/operations.md).')
          return 2
        }
        const { default: Sqlite } = await import('better-sqlite3')
        const source = new Sqlite(config.database.file, { readonly: true })
        await source.backup(file)
        source.close()
        console.log(`Backed up to ${file}.`)
        return 0
      }
      default:
        console.error(`Unknown command: ${command}\n\n${USAGE}`)
        return 2
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    return 1
  } finally {
    await store.close()
  }
}

async function reportCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args
  const json = rest.includes('--json')
  const todayAt = rest.indexOf('--today')
  const today = todayAt >= 0 ? rest[todayAt + 1] : new Date().toISOString().slice(0, 10)
  const files = rest.filter((arg, index) => !arg.startsWith('--') && (todayAt < 0 || index !== todayAt + 1))
  const file = files[0]
  if (action !== 'assess' || !file || files.length > 1 || !today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(USAGE)
    return 2
  }
  try {
    const report = await extractReportFile(file)
    const assessment = assessReport(report.text, { today })
    if (json) process.stdout.write(`${JSON.stringify(assessmentJson(assessment), null, 2)}\n`)
    else console.log([`${file} (${report.format}, ${report.text.length.toLocaleString('en-GB')} characters)`, '', ...summaryLines(assessment, today)].join('\n'))
    return 0
  } catch (error) {
    // One line, no stack: the error codes are documented, the message says what to do.
    const message = isReportImportError(error) ? `${error.code}: ${error.message}` : 'The report could not be assessed.'
    console.error(`Cannot assess ${file}: ${message}`)
    return 1
  }
}

/** report import: the upload page's import, by no one signed in (the audit log says so with no actor). */
async function reportImportCommand(store: Store, config: Config, args: string[]): Promise<number> {
  const at = args.indexOf('--school')
  const key = at >= 0 ? args[at + 1] : undefined
  const files = args.filter((arg, index) => !arg.startsWith('--') && (at < 0 || index !== at + 1))
  const file = files[0]
  if (!key || !file || files.length > 1) {
    console.error(USAGE)
    return 2
  }
  const school = await findSchoolByKey(store.db, key)
  if (!school) {
    console.error(`No school has the id or URN ${key}.`)
    return 1
  }
  let text: string
  try {
    text = (await extractReportFile(file)).text
  } catch (error) {
    console.error(`Cannot import ${file}: ${isReportImportError(error) ? `${error.code}: ${error.message}` : 'The report could not be read.'}`)
    return 1
  }
  const headings = reportHeadings(translator('en'))
  const imported = await importDraft(schoolReportWorkflow(store.db, config, headings), headings, { schoolId: school.id, text, actorId: null, replaceOpen: args.includes('--replace') })
  if (!imported) {
    console.error(`No school has the id or URN ${key}.`)
    return 1
  }
  if (!imported.ok) {
    console.error('open' in imported
      ? `${school.name} already has a change open (${imported.open.status}, last saved ${imported.open.updatedAt}); add --replace to replace it.`
      : `Cannot import ${file}: a part is too long for the editor (${imported.errors.map((error) => `${error.field}: ${error.count} characters, limit ${error.max}`).join('; ')}).`)
    return 1
  }
  if (!imported.outcome.ok) {
    console.error(`${school.name}'s report changed while it was being imported; run the command again.`)
    return 1
  }
  console.log(`Saved ${file} as a draft of ${school.name}'s SEN information report: ${imported.split.placed} parts under Schedule 1 items, ${imported.split.unplaced} under "Other information". Nothing is published; the school reviews it at /manage/schools/${school.id}/report/edit.`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
