// The demo data set: everything taken from the five real seed documents, merged into one.
// The documents themselves are kept, unchanged, in data/seed-documents/ (SEED_DOCUMENTS_DIR);
// test/unit/seed-dataset.unit.test.ts checks every quotation and contact detail against them.
import { fileURLToPath } from 'node:url'
import { abercrombyDataset } from './documents/abercromby.js'
import { alexandraDataset } from './documents/alexandra.js'
import { bawtryDataset } from './documents/bawtry.js'
import { cambridgeshireDataset } from './documents/cambridgeshire.js'
import { cromwellDataset } from './documents/cromwell.js'
import type { SeedDataset } from './types.js'

/** Absolute path of data/seed-documents/, the folder holding the source documents (no trailing slash). */
export const SEED_DOCUMENTS_DIR = fileURLToPath(new URL('../../data/seed-documents', import.meta.url))

/** One data set per seed document, in a fixed order. */
export const seedDocumentDatasets: readonly SeedDataset[] = [
  cromwellDataset,
  abercrombyDataset,
  alexandraDataset,
  bawtryDataset,
  cambridgeshireDataset,
]

function merge(parts: readonly SeedDataset[]): SeedDataset {
  return {
    documents: parts.flatMap((part) => part.documents),
    organisations: parts.flatMap((part) => part.organisations),
    services: parts.flatMap((part) => part.services),
    schools: parts.flatMap((part) => part.schools),
  }
}

export const demoDataset: SeedDataset = merge(seedDocumentDatasets)
