// The second leg of n8n's verification scan: the compiled JavaScript that ships in the npm
// tarball, linted with the same community and n8n-nodes-base rules as the sources.
import tseslint from 'typescript-eslint';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nRules } from './eslint.config.mjs';

export default tseslint.config(
	{
		files: ['dist/**/*.js'],
		extends: [communityNodes.configs.recommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { 'no-console': 'error' },
	},
	{ files: ['dist/credentials/**/*.js'], rules: n8nRules.credentials },
	{ files: ['dist/nodes/**/*.js'], rules: n8nRules.nodes },
);
