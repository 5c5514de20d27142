// A background job run now and then every interval: one run at a time, the next timed from the
// end of the last (a slow run never piles up), stopped cleanly on shutdown.

export interface ScheduleLogger {
  info(details: object, message: string): void
  warn(details: object, message: string): void
}

export interface Repeating {
  /** Resolves when a run in progress has finished; no run starts after. */
  stop(): Promise<void>
  /** Runs now (unless a run is already going, whose promise it returns); for tests and operators. */
  runNow(): Promise<void>
}

/** Starts running `task` (first run at once). The task is told whether the schedule has been stopped, to end early. */
export function startRepeating(task: (stopped: () => boolean) => Promise<void>, intervalMs: number): Repeating {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false

  function run(): Promise<void> {
    running ??= task(() => stopped).finally(() => {
      running = undefined
      schedule()
    })
    return running
  }

  function schedule(): void {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => void run(), intervalMs)
    // The schedule alone never keeps the process alive.
    timer.unref()
  }

  void run()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
    runNow: run,
  }
}
