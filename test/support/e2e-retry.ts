// Browser tests share a 2-core CI machine with builds and other suites; a step can miss its timeout under
// load. One retry, with the first failure printed, keeps a real regression red (it fails twice) without
// letting a slow moment block a submission.
jest.retryTimes(1, { logErrorsBeforeRetry: true })
