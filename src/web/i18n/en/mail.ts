// English strings of the mail pages and messages: part of the catalogue in ../en.ts.
import type { Catalogue } from '../index.js'

export const mail = {} satisfies Catalogue
