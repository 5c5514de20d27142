// English strings of the publishing pages and messages: part of the catalogue in ../en.ts.
import type { Catalogue } from '../index.js'

export const publishing = {} satisfies Catalogue
