import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import JSZip from 'jszip'
import { assessReport, type Assessment } from '../../src/reports/assess.js'
import { extractReport, extractReportFile, MAX_REPORT_BYTES, type ReportErrorCode } from '../../src/reports/extract/index.js'
import { LABEL_DATE, seedText } from '../fixtures/reports/agreement.js'
import { buildDocx as docxOf, buildPdf as pdfOf } from '../support/report-documents.js'

// Real .docx and .pdf files are built at test time from a seed report, imported, and assessed;
// the assessment must agree with the plain-text one on most items.
const SOURCE = 'cromwell-primary-sen-report.txt'
const plain = seedText(SOURCE)
const plainAssessment = assessReport(plain, { today: LABEL_DATE })

const dir = mkdtempSync(join(tmpdir(), 'report-import-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function sameStatuses(a: Assessment, b: Assessment): number {
  return a.items.filter((item, index) => b.items[index]?.status === item.status).length
}

async function importError(bytes: Uint8Array, fileName: string): Promise<ReportErrorCode | 'none'> {
  try {
    await extractReport(bytes, { fileName })
    return 'none'
  } catch (error) {
    assert.ok(error instanceof Error && 'code' in error, 'a coded error')
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace in the message')
    return (error as Error & { code: ReportErrorCode }).code
  }
}

test('a real .docx with Heading 1 paragraphs imports with its headings and assesses like the text', async () => {
  const docx = await docxOf(plain)
  writeFileSync(join(dir, 'report.docx'), docx)
  const imported = await extractReport(docx, { fileName: 'report.docx' })
  assert.equal(imported.format, 'docx')
  assert.match(imported.text, /^# Raising a Concern$/m)
  assert.match(imported.text, /^# Staff Training$/m)
  const assessment = assessReport(imported.text, { today: LABEL_DATE })
  for (const item of assessment.items) for (const span of item.evidence) assert.equal(imported.text.slice(span.start, span.end), span.text)
  const same = sameStatuses(assessment, plainAssessment)
  assert.ok(same >= 17, `docx agrees with text on ${same}/19 items`)
  assert.deepEqual(assessment.senco, plainAssessment.senco)
  assert.equal(assessment.updated, plainAssessment.updated)
})

test('a real .pdf drawn line by line over several pages imports with paragraph gaps and headings', async () => {
  const pdfBytes = await pdfOf(plain)
  writeFileSync(join(dir, 'report.pdf'), pdfBytes)
  const imported = await extractReport(pdfBytes, { fileName: 'report.pdf' })
  assert.equal(imported.format, 'pdf')
  assert.match(imported.text, /^## Raising a Concern$/m)
  assert.ok(imported.text.includes('l.lowe@cromwell.bham.sch.uk'))
  const assessment = assessReport(imported.text, { today: LABEL_DATE })
  const same = sameStatuses(assessment, plainAssessment)
  assert.ok(same >= 16, `pdf agrees with text on ${same}/19 items`)
  assert.equal(assessment.senco.email, plainAssessment.senco.email)
  assert.equal(assessment.updated, plainAssessment.updated)
})

test('an HTML page imports with headings and lists', async () => {
  const html = '<!DOCTYPE html><html><body><h2>How to complain</h2><p>Follow our complaints procedure.</p><ul><li>Speak to the teacher</li></ul></body></html>'
  const imported = await extractReport(new TextEncoder().encode(html))
  assert.equal(imported.format, 'html')
  assert.equal(imported.text, '## How to complain\n\nFollow our complaints procedure.\n\n• Speak to the teacher')
})

test('corrupt, mislabelled, unsupported, empty and huge files get their specific error codes', async () => {
  const docx = await docxOf(plain)
  const random = Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 251)
  assert.equal(await importError(random, 'report.docx'), 'REPORT_UNREADABLE')
  assert.equal(await importError(docx.subarray(0, Math.floor(docx.length / 2)), 'report.docx'), 'REPORT_UNREADABLE')
  const notWord = await new JSZip().file('hello.txt', 'hi').generateAsync({ type: 'uint8array' })
  assert.equal(await importError(notWord, 'report.docx'), 'REPORT_UNREADABLE')
  assert.equal(await importError(new TextEncoder().encode('This is not a PDF at all.'), 'report.pdf'), 'REPORT_UNREADABLE')
  assert.equal(await importError(new TextEncoder().encode('%PDF-1.7\n garbage garbage'), 'report.pdf'), 'REPORT_UNREADABLE')
  const pdfBytes = await pdfOf(plain)
  assert.equal(await importError(pdfBytes.subarray(0, 600), 'report.pdf'), 'REPORT_UNREADABLE')
  assert.equal(await importError(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'report.doc'), 'REPORT_UNSUPPORTED')
  assert.equal(await importError(new Uint8Array(0), 'report.txt'), 'REPORT_EMPTY')
  assert.equal(await importError(new TextEncoder().encode(' \n\n \t'), 'report.txt'), 'REPORT_EMPTY')
  assert.equal(await importError(new Uint8Array(MAX_REPORT_BYTES + 1), 'report.txt'), 'REPORT_TOO_LARGE')
  // A huge file is refused from its size alone, before it is read.
  const big = join(dir, 'big.txt')
  writeFileSync(big, '')
  truncateSync(big, MAX_REPORT_BYTES + 1)
  await assert.rejects(extractReportFile(big), { code: 'REPORT_TOO_LARGE' })
  await assert.rejects(extractReportFile(join(dir, 'missing.txt')), { code: 'REPORT_UNREADABLE' })
})

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'report', 'assess', ...args], {
    cwd: new URL('../../', import.meta.url),
    encoding: 'utf8',
    // A store that cannot be opened: the report command must not need one.
    env: { ...process.env, DATABASE_URL: join(dir, 'no', 'such', 'dir', 'store.sqlite') },
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

test('CLI: report assess --json prints only the JSON, with no database', () => {
  const result = cli(`data/seed-documents/${SOURCE}`, '--json', '--today', LABEL_DATE)
  assert.equal(result.status, 0, result.stderr)
  assert.equal(result.stderr, '')
  const json = JSON.parse(result.stdout) as Record<string, unknown>
  assert.deepEqual(Object.keys(json), ['items', 'senco', 'localOfferLink', 'readability', 'jargon', 'updated'])
  const items = json.items as { id: string; status: string; evidence: { text: string; start: number; end: number }[] }[]
  assert.equal(items.length, 19)
  for (const item of items) {
    assert.match(item.status, /^(covered|partial|missing)$/)
    for (const span of item.evidence) assert.equal(plain.slice(span.start, span.end), span.text)
  }
  assert.deepEqual(
    items.map((item) => item.status),
    plainAssessment.items.map((item) => item.status),
  )
  assert.equal(json.updated, '2019-02-01')
})

test('CLI: a .docx file gives a readable summary; an unreadable file exits 1 with one line on stderr', () => {
  const summary = cli(join(dir, 'report.docx'), '--today', LABEL_DATE)
  assert.equal(summary.status, 0, summary.stderr)
  assert.match(summary.stdout, /Schedule 1 items: \d+ covered/)
  assert.match(summary.stdout, /overdue/)
  const fake = join(dir, 'fake.pdf')
  writeFileSync(fake, 'not a pdf')
  const bad = cli(fake, '--json')
  assert.equal(bad.status, 1)
  assert.equal(bad.stdout, '')
  assert.equal(bad.stderr.trim().split('\n').length, 1)
  assert.match(bad.stderr, /REPORT_UNREADABLE/)
  assert.equal(cli().status, 2)
})
