// Lints the package the way n8n's community-package verification does: the rules of
// @n8n/eslint-plugin-community-nodes (recommended, n8n Cloud eligible) together with the
// eslint-plugin-n8n-nodes-base rule sets for the package, credentials and nodes, with the same
// overrides as n8n's own node CLI. Tooling outside the published code (tests, the local Altinn
// stand-in, scripts) gets the plain TypeScript rules: it runs in Node, not inside n8n.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { globalIgnores } from 'eslint/config';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const publishedCode = ['credentials/**/*.ts', 'nodes/**/*.ts'];

export const n8nRules = {
	credentials: {
		...n8nNodesBase.configs.credentials.rules,
		'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
	},
	nodes: {
		...n8nNodesBase.configs.nodes.rules,
		'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
		'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
	},
	community: n8nNodesBase.configs.community.rules,
};

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', 'coverage', '.e2e', '**/*.generated.ts']),
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: publishedCode,
		extends: [communityNodes.configs.recommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { 'no-console': 'error' },
	},
	{ files: ['credentials/**/*.ts'], rules: n8nRules.credentials },
	{ files: ['nodes/**/*.ts'], rules: n8nRules.nodes },
	{
		files: ['package.json'],
		extends: [communityNodes.configs.recommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nRules.community,
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
);
