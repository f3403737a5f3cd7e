// The second leg of n8n's verification scan: the compiled JavaScript that ships in the npm
// tarball, linted with the community-nodes rules and no-console. (The scan applies the
// eslint-plugin-n8n-nodes-base node and credential rule sets to TypeScript sources only: their
// file-name rules cannot hold for compiled files. The source lint in eslint.config.mjs covers them.)
import communityNodes from '@n8n/eslint-plugin-community-nodes';

export default [
	{
		...communityNodes.configs.recommended,
		files: ['dist/**/*.js'],
		rules: { ...communityNodes.configs.recommended.rules, 'no-console': 'error' },
	},
];
