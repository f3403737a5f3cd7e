// Four suites, one runner, told apart by file name:
// - `unit` (`*.test.ts`): pure functions and descriptions; no server, no network.
// - `integration` (`*.integration.test.ts`): the published code in process, on n8n-core's real
//   execution contexts, against the local Altinn stand-in on loopback.
// - `contract` (`*.contract.test.ts`): the stand-in against the pinned OpenAPI document.
// - `reliability` (`*.reliability.test.ts`): faults injected through the stand-in, bad input for
//   every free-text parameter, property-based fuzzing; in process like `integration`, and it ends
//   with one line of counts (test/support/reliability/report.ts).
// - `e2e` (`*.e2e.test.ts`): the built package inside a real n8n.
const base = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	rootDir: __dirname,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	// The n8n hosts' manifests all carry one package name; they are npm's to read, not Jest's.
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/n8n-hosts/'],
};

module.exports = {
	projects: [
		{
			...base,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: [
				'/node_modules/',
				'<rootDir>/test/e2e/',
				'\\.(integration|contract|reliability)\\.test\\.ts$',
			],
		},
		{
			...base,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/**/*.integration.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
		},
		{ ...base, displayName: 'contract', testMatch: ['<rootDir>/test/**/*.contract.test.ts'] },
		{
			...base,
			displayName: 'reliability',
			testMatch: ['<rootDir>/test/**/*.reliability.test.ts'],
			setupFilesAfterEnv: [
				'<rootDir>/test/support/integration-timeout.ts',
				'<rootDir>/test/support/reliability/fuzz-seed.ts',
			],
			globalSetup: '<rootDir>/test/support/reliability/setup.ts',
			globalTeardown: '<rootDir>/test/support/reliability/report.ts',
		},
		{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'] },
	],
};
