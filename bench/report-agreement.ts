// How far the SEN information report assessment agrees with the hand labels of the four seed
// school reports. Run: npx tsx bench/report-agreement.ts
// Prints a markdown table (report × Schedule 1 item) and writes it to bench/results/report-agreement.md.

import { mkdirSync, writeFileSync } from 'node:fs'
import { agreementMarkdown, compareWithLabels } from '../test/fixtures/reports/agreement.js'

const result = compareWithLabels()
const markdown = agreementMarkdown(result)
const out = new URL('results/report-agreement.md', import.meta.url)
mkdirSync(new URL('results/', import.meta.url), { recursive: true })
writeFileSync(out, markdown)
console.log(markdown)
