import { demoDataset } from '../../../seed/dataset.js'

/** The title of a seed document, for "where this information comes from". */
export function sourceTitle(file: string | null): string | undefined {
  if (!file) return undefined
  return demoDataset.documents.find((document) => document.file === file)?.title ?? file
}
