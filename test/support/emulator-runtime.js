// Selects the CloudBase emulator for the integration suite's second run (read by test/support/test-cloud.ts).
process.env.JG_TEST_RUNTIME = 'cloudbase-emulator'
