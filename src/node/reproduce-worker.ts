// A worker thread of the reproductions' pool: runs one task of a split reproduction (he2015's
// training runs) and hands back its plain result.
import { reproductions } from '../reproduce/registry.js';

export interface ReproduceTask {
  name: string;
  task: unknown;
}

export default function run({ name, task }: ReproduceTask): unknown {
  const r = reproductions.find((x) => x.name === name);
  if (!r?.split) throw new Error(`reproduction ${name} has no tasks to split`);
  return r.split.runTask(task);
}
