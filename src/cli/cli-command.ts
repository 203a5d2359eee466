/** One `zhibu <command>`; each lives in its own file under src/cli/commands/. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}
