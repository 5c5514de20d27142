// Coded errors for report import: a caller (CLI, a future upload page) shows `message` to a person
// and branches on `code`; the message never carries a stack trace or the document's contents.

export type ReportErrorCode =
  | 'REPORT_UNREADABLE' // the bytes are not a valid file of the format they claim to be
  | 'REPORT_UNSUPPORTED' // a format we do not read (old .doc, images, spreadsheets)
  | 'REPORT_EMPTY' // readable, but holds no text
  | 'REPORT_TOO_LARGE' // over the size limit, before or after extraction

export class ReportImportError extends Error {
  readonly code: ReportErrorCode

  constructor(code: ReportErrorCode, message: string) {
    super(message)
    this.name = 'ReportImportError'
    this.code = code
  }
}

export function isReportImportError(error: unknown): error is ReportImportError {
  return error instanceof ReportImportError
}
