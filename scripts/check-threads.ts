// The CLI's Offload (lib/batch/check.ts): batches of visits checked on worker threads, so a
// large export uses every core. This thread reads the file and writes the output in order;
// each worker evaluates and formats its batches and hands back the UTF-8 bytes (transferred,
// not copied). The workers run this same module (the CLI bundle, see check.mjs), started with
// `workerData` naming what to check with; `serveChecks` is their side.
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { checkVisits, type Checked, type Offload, type VisitCheckOptions } from '../lib/batch/check';
import { builtInRuleData, loadRuleData } from '../lib/rules/data';
import type { Visit } from '../lib/model';

/** What a worker needs to check visits as this thread would; cloned once, at start. */
export interface ThreadSetup {
  json: boolean;
  color: boolean;
  settings: VisitCheckOptions['settings'];
  /** A data pack's text (--data, read once by the main thread: a pipe cannot be read twice), or none for the built-in rule data. */
  dataPack?: string;
}

interface Job {
  id: number;
  /**
   * The visits, structured-cloned: JSON text cost about the same (measured) but would turn a
   * NaN or Infinity the reader let through into null, and the check must see what it would see
   * on this thread.
   */
  visits: Visit[];
  inputHasMinutes: boolean;
}

/**
 * Batches queued on a thread before this thread checks the next one itself: one being checked,
 * two waiting, so the thread still has work while this one checks a batch of its own.
 */
const QUEUED = 3;

type Answer = { id: number; checked: Checked } | { id: number; error: string };

/** Worker threads, started on the first batch; each batch goes to the thread with the fewest waiting. */
export class ThreadPool implements Offload {
  /**
   * Per thread, batches sent and not yet checked, in memory the thread itself counts down as it
   * finishes one: an answer reaches this thread only when it next returns to its event loop
   * (after reading a chunk, or checking a batch itself), and by then a thread counted as busy
   * by answers could have sat idle.
   */
  private workers: { worker: Worker; waiting: Int32Array; dead?: Error }[] = [];
  private pending = new Map<number, { resolve(c: Checked): void; reject(e: Error): void; thread: number }>();
  private next = 0;

  constructor(
    private readonly entry: URL,
    private readonly setup: ThreadSetup,
    private readonly count = Math.max(1, Math.min(3, availableParallelism() - 1)),
  ) {}

  check(visits: Visit[], inputHasMinutes: boolean): Promise<Checked> {
    if (!this.workers.length) this.start();
    let thread = -1;
    for (let i = 0; i < this.workers.length; i++) {
      const w = this.workers[i]!;
      if (!w.dead && (thread < 0 || Atomics.load(w.waiting, 0) < Atomics.load(this.workers[thread]!.waiting, 0))) thread = i;
    }
    if (thread < 0) return Promise.reject(this.workers[0]!.dead);
    const id = this.next++;
    const job: Job = { id, visits, inputHasMinutes };
    return new Promise<Checked>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, thread });
      Atomics.add(this.workers[thread]!.waiting, 0, 1);
      this.workers[thread]!.worker.postMessage(job);
    });
  }

  busy(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.dead || Atomics.load(w.waiting, 0) >= QUEUED);
  }

  close(): void {
    for (const { worker } of this.workers) void worker.terminate();
    this.workers = [];
  }

  private start(): void {
    for (let i = 0; i < this.count; i++) {
      const waiting = new Int32Array(new SharedArrayBuffer(4));
      const worker = new Worker(this.entry, { workerData: { unitwiseCheckThread: this.setup, waiting } });
      worker.on('message', (answer: Answer) => {
        const job = this.pending.get(answer.id);
        if (!job) return;
        this.pending.delete(answer.id);
        if ('error' in answer) job.reject(new Error(`a checking thread failed: ${answer.error}`));
        else job.resolve(answer.checked);
      });
      // A thread that dies takes its batches with it: fail them rather than wait forever, and
      // send it no more.
      const fail = (error: Error) => {
        const w = this.workers[i];
        if (w) w.dead ??= error;
        for (const [id, job] of this.pending) {
          if (job.thread !== i) continue;
          this.pending.delete(id);
          job.reject(error);
        }
      };
      worker.on('error', (e) => fail(new Error(`a checking thread failed: ${e.message}`)));
      worker.on('exit', (code) => fail(new Error(`a checking thread stopped (exit code ${code})`)));
      this.workers.push({ worker, waiting });
    }
  }
}

/** This module run as a worker: the setup, if it was started as one of {@link ThreadPool}'s threads. */
export function threadSetup(): ThreadSetup | undefined {
  const data = workerData as { unitwiseCheckThread?: ThreadSetup } | undefined;
  return parentPort ? data?.unitwiseCheckThread : undefined;
}

/** A worker's side: check each batch it is sent, answer with the bytes (transferred). */
export function serveChecks(setup: ThreadSetup): void {
  const { waiting } = workerData as { waiting: Int32Array };
  const options: VisitCheckOptions = {
    json: setup.json,
    color: setup.color,
    settings: setup.settings,
    data: setup.dataPack ? loadRuleData(JSON.parse(setup.dataPack)) : builtInRuleData(),
  };
  parentPort!.on('message', (job: Job) => {
    let answer: Answer;
    try {
      answer = { id: job.id, checked: checkVisits(job.visits, job.inputHasMinutes, options) };
    } catch (e) {
      answer = { id: job.id, error: (e as Error).stack ?? String(e) };
    }
    Atomics.sub(waiting, 0, 1);
    parentPort!.postMessage(answer, 'checked' in answer ? [answer.checked.bytes.buffer as ArrayBuffer] : []);
  });
}
