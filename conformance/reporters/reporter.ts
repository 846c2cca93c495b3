/** A reporter sees each scenario as it ends and the whole run at the end. Registry: `index.ts`. */
import type { RunResult, ScenarioResult } from '../result.js';

export interface Reporter {
  id: string;
  onScenarioEnd?(result: ScenarioResult): void;
  /** Writes the report; returns the files written (for the console to list). */
  onRunEnd(run: RunResult): string[];
}

export interface ReporterOptions {
  /** Folder for file reports (json, junit). */
  outDir: string;
  /** Where console output goes. */
  write(text: string): void;
  /** Color in console output. */
  color: boolean;
}
