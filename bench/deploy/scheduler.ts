// A pure model of how the Pulumi engine schedules resource operations: an operation becomes ready when everything it
// depends on has finished, and runs as soon as one of the engine's `parallelism` slots is free (first ready, first
// served; ties in submission order). Times are simulated seconds, not wall time.

export interface Task {
  readonly id: string;
  /** Simulated seconds the operation holds its slot. 0 for operations that take no cloud time. */
  readonly durationS: number;
  /** Ids of tasks that must finish first. */
  readonly deps: readonly string[];
  /** Whether it takes an engine slot. Component resources are bookkeeping and take none. @default true */
  readonly usesSlot?: boolean;
}

export interface Scheduled {
  readonly id: string;
  readonly readyS: number;
  readonly startS: number;
  readonly finishS: number;
}

/**
 * An online scheduler: submit an operation when it becomes ready (the program registers it), then advance to the
 * next completion. The offline `schedule` below and the simulated `pulumi up` of the real program both drive it.
 */
export class SlotScheduler {
  private nowS = 0;
  private readonly waiting: { id: string; durationS: number; readyS: number }[] = [];
  private readonly running: { scheduled: Scheduled; holdsSlot: boolean }[] = [];

  constructor(readonly parallelism: number) {
    if (!(parallelism >= 1)) throw new Error(`parallelism must be at least 1, got ${parallelism}`);
  }

  get now(): number {
    return this.nowS;
  }

  /** Whether nothing is waiting or running. */
  get idle(): boolean {
    return this.waiting.length === 0 && this.running.length === 0;
  }

  /** The operation became ready now; it starts at once if a slot is free (or it needs none). */
  submit(id: string, durationS: number, usesSlot = true): void {
    if (!(durationS >= 0)) throw new Error(`task ${id}: duration must be >= 0 seconds, got ${durationS}`);
    if (usesSlot) this.waiting.push({ id, durationS, readyS: this.nowS });
    else this.start({ id, durationS, readyS: this.nowS }, false);
    this.startWhatFits();
  }

  /** Moves the clock to the earliest completion and returns every operation finishing then (in start order). */
  advance(): Scheduled[] {
    if (this.running.length === 0) return [];
    const nextS = Math.min(...this.running.map((r) => r.scheduled.finishS));
    this.nowS = nextS;
    const done = this.running.filter((r) => r.scheduled.finishS === nextS);
    for (const d of done) this.running.splice(this.running.indexOf(d), 1);
    this.startWhatFits();
    return done.map((d) => d.scheduled);
  }

  private startWhatFits(): void {
    while (this.running.filter((r) => r.holdsSlot).length < this.parallelism && this.waiting.length > 0) {
      this.start(this.waiting.shift() as { id: string; durationS: number; readyS: number }, true);
    }
  }

  private start(op: { id: string; durationS: number; readyS: number }, holdsSlot: boolean): void {
    const scheduled = { id: op.id, readyS: op.readyS, startS: this.nowS, finishS: this.nowS + op.durationS };
    this.running.push({ scheduled, holdsSlot });
  }
}

/** Simulates the engine over a known graph. @throws on an unknown dependency or a cycle */
export function schedule(tasks: readonly Task[], parallelism: number): { makespanS: number; tasks: Scheduled[] } {
  const byId = checkedGraph(tasks);
  const remaining = new Map(tasks.map((t) => [t.id, new Set(t.deps)]));
  const dependents = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
  for (const t of tasks) for (const d of new Set(t.deps)) dependents.get(d)?.push(t.id);

  const scheduler = new SlotScheduler(parallelism);
  const result: Scheduled[] = [];
  const submitReady = (ids: string[]) => {
    for (const id of ids) {
      if ((remaining.get(id) as Set<string>).size === 0) {
        const task = byId.get(id) as Task;
        scheduler.submit(id, task.durationS, task.usesSlot ?? true);
      }
    }
  };
  submitReady(tasks.map((t) => t.id));
  while (!scheduler.idle) {
    const done = scheduler.advance();
    result.push(...done);
    const unblocked: string[] = [];
    for (const d of done) {
      for (const dependent of dependents.get(d.id) ?? []) {
        const deps = remaining.get(dependent) as Set<string>;
        deps.delete(d.id);
        if (deps.size === 0) unblocked.push(dependent);
      }
    }
    submitReady(unblocked);
  }
  return { makespanS: scheduler.now, tasks: result };
}

/** The longest dependency chain: no engine, however parallel, finishes sooner. @throws on a cycle */
export function lowerBound(tasks: readonly Task[]): { makespanS: number; path: string[] } {
  const byId = checkedGraph(tasks);
  const finish = new Map<string, { s: number; via?: string }>();
  const visit = (id: string, stack: Set<string>): number => {
    const known = finish.get(id);
    if (known) return known.s;
    if (stack.has(id)) throw new Error(`dependency cycle through ${id}`);
    stack.add(id);
    const task = byId.get(id) as Task;
    let startS = 0;
    let via: string | undefined;
    for (const dep of task.deps) {
      const depFinish = visit(dep, stack);
      if (depFinish > startS || via === undefined) [startS, via] = [Math.max(startS, depFinish), dep];
    }
    stack.delete(id);
    finish.set(id, { s: startS + task.durationS, via });
    return startS + task.durationS;
  };
  let last: string | undefined;
  let makespanS = 0;
  for (const t of tasks) {
    const s = visit(t.id, new Set());
    if (last === undefined || s > makespanS) [makespanS, last] = [s, t.id];
  }
  const path: string[] = [];
  for (let id = last; id !== undefined; id = finish.get(id)?.via) path.unshift(id);
  return { makespanS, path };
}

/** Every task one after another, as a person following a step-by-step guide does. */
export function serialTime(tasks: readonly Task[]): number {
  return tasks.reduce((sum, t) => sum + t.durationS, 0);
}

function checkedGraph(tasks: readonly Task[]): Map<string, Task> {
  const byId = new Map<string, Task>();
  for (const t of tasks) {
    if (byId.has(t.id)) throw new Error(`duplicate task id ${t.id}`);
    byId.set(t.id, t);
  }
  for (const t of tasks) {
    for (const d of t.deps) if (!byId.has(d)) throw new Error(`task ${t.id} depends on unknown task ${d}`);
  }
  // A cycle never becomes ready: find it here rather than return a short schedule.
  lowerBoundCycleCheck(byId);
  return byId;
}

function lowerBoundCycleCheck(byId: Map<string, Task>): void {
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw new Error(`dependency cycle through ${id}`);
    state.set(id, "visiting");
    for (const d of (byId.get(id) as Task).deps) visit(d);
    state.set(id, "done");
  };
  for (const id of byId.keys()) visit(id);
}
