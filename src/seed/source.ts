// What every seed document's data shares: the councils they come from, and how a record cites them.

/** ONS codes of the councils the seed documents come from. */
export const COUNCIL = {
  birmingham: 'E08000025',
  liverpool: 'E08000012',
  stokeOnTrent: 'E06000021',
  doncaster: 'E08000017',
  cambridgeshire: 'E10000003',
  /** Not a seed document's council: the real Open Referral feed in data/oruk-feeds/ is North Lincolnshire's. */
  northLincolnshire: 'E06000013',
} as const

export const SEED_COUNCILS = [
  { code: COUNCIL.birmingham, name: 'Birmingham City Council' },
  { code: COUNCIL.liverpool, name: 'Liverpool City Council' },
  { code: COUNCIL.stokeOnTrent, name: 'Stoke-on-Trent City Council' },
  { code: COUNCIL.doncaster, name: 'City of Doncaster Council' },
  { code: COUNCIL.cambridgeshire, name: 'Cambridgeshire County Council' },
  { code: COUNCIL.northLincolnshire, name: 'North Lincolnshire Council' },
]

/** Said instead of an address wherever a document gives none: nothing is geocoded from a guess. */
export const NO_ADDRESS = 'The source document gives no address.'

/** A citation maker for one document: `from('words quoted from it')`. */
export function citing(file: string): (excerpt: string) => { file: string; excerpt: string } {
  return (excerpt) => ({ file, excerpt })
}
