// The ORUK page envelope, and the offset a page number means.

export interface PageRequest {
  page: number
  perPage: number
}

export interface Page<T> {
  total_items: number
  total_pages: number
  page_number: number
  /** Results on this page (not the page size asked for). */
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

export function offsetOf({ page, perPage }: PageRequest): number {
  return (page - 1) * perPage
}

/** A page past the end is not an error: it is empty, and says it is the last. */
export function pageOf<T>(contents: T[], totalItems: number, { page, perPage }: PageRequest): Page<T> {
  const totalPages = Math.ceil(totalItems / perPage)
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

/** A page of a list held in memory (the taxonomies). */
export function pageOfList<T>(all: readonly T[], request: PageRequest): Page<T> {
  const start = offsetOf(request)
  return pageOf(all.slice(start, start + request.perPage), all.length, request)
}
