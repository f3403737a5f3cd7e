// Three suites, one runner: `unit` is the fast loop (the published code, in process, against the
// local Altinn stand-in), `contract` drives the stand-in against the pinned OpenAPI document, and
// `e2e` runs the built package inside a real n8n.
const base = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	rootDir: __dirname,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
};

module.exports = {
	projects: [
		{
			...base,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '\\.contract\\.test\\.ts$'],
		},
		{
			...base,
			displayName: 'contract',
			testMatch: ['<rootDir>/test/**/*.contract.test.ts'],
		},
		{
			...base,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
		},
	],
};
