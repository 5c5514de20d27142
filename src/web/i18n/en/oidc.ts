// English strings of the oidc pages and messages: part of the catalogue in ../en.ts.
import type { Catalogue } from '../index.js'

export const oidc = {} satisfies Catalogue
