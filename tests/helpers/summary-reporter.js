/**
 * Prints one plain closing line, `jest: N passed, N failed, N skipped`, that CI tooling reads in any language.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`${line}\n`);
  }
}

module.exports = SummaryReporter;
