/** One benchmark: runs, then returns the lines to print (`name: figure unit (details)`). */
export interface BenchCase {
  name: string;
  run(): Promise<string[]>;
}
