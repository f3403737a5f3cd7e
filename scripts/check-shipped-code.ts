/**
 * What the JavaScript in the npm tarball may reach inside n8n. n8n's verification guidelines allow
 * no run-time dependencies and no access to environment variables or the file system; everything
 * a node needs comes through its parameters and credentials. So every `require` in the shipped
 * code names a module n8n itself provides (n8n-workflow, which carries luxon, and Node's crypto)
 * or a file of the package, and no code reads `process`, the module paths, or evaluates strings.
 *
 * Stricter than n8n's `no-restricted-imports` rule, which lets a package import anything it lists
 * in devDependencies on the assumption that a bundler inlines it: this build does not bundle, so
 * such an import would fail when n8n loads the node.
 *
 *   npx tsx scripts/check-shipped-code.ts   (after `npm run build`)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const RUNTIME_MODULES: readonly string[] = [
	'n8n-workflow',
	'luxon',
	'crypto',
	'node:crypto',
];

const FILE_SYSTEM_MODULES = ['fs', 'fs/promises', 'node:fs', 'node:fs/promises'];
const PROCESS_MODULES = [
	'child_process',
	'node:child_process',
	'worker_threads',
	'node:worker_threads',
];

export interface Violation {
	file: string;
	line: number;
	rule: 'file-system' | 'environment' | 'child-process' | 'module' | 'dynamic-code';
	message: string;
}

/** The identifier is a name in a declaration or after a dot, not a reference to a variable. */
function isPropertyName(node: ts.Identifier): boolean {
	const parent = node.parent;
	return (
		(ts.isPropertyAccessExpression(parent) && parent.name === node) ||
		(ts.isPropertyAssignment(parent) && parent.name === node) ||
		(ts.isMethodDeclaration(parent) && parent.name === node) ||
		(ts.isPropertyDeclaration(parent) && parent.name === node) ||
		(ts.isPropertySignature(parent) && parent.name === node) ||
		(ts.isGetAccessorDeclaration(parent) && parent.name === node) ||
		(ts.isSetAccessorDeclaration(parent) && parent.name === node)
	);
}

function moduleRule(specifier: string): Pick<Violation, 'rule' | 'message'> | undefined {
	if (specifier.startsWith('./') || specifier.startsWith('../')) return undefined;
	if (RUNTIME_MODULES.includes(specifier)) return undefined;
	if (FILE_SYSTEM_MODULES.includes(specifier))
		return { rule: 'file-system', message: `requires "${specifier}"` };
	if (PROCESS_MODULES.includes(specifier))
		return { rule: 'child-process', message: `requires "${specifier}"` };
	return {
		rule: 'module',
		message: `requires "${specifier}", which n8n does not provide (allowed: ${RUNTIME_MODULES.join(', ')})`,
	};
}

/**
 * Everything in one file that n8n's verification rules forbid: a compiled `.js` file, or a `.ts`
 * source (whose type-only imports vanish in the build).
 */
export function shippedCodeViolations(file: string, source: string): Violation[] {
	const sourceFile = ts.createSourceFile(
		file,
		source,
		ts.ScriptTarget.Latest,
		true,
		file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS,
	);
	const found: Violation[] = [];
	const report = (node: ts.Node, rule: Violation['rule'], message: string) =>
		found.push({
			file,
			line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1,
			rule,
			message,
		});

	const checkModule = (node: ts.Node, specifier: ts.Expression | undefined) => {
		if (!specifier || !ts.isStringLiteralLike(specifier)) return;
		const rule = moduleRule(specifier.text);
		if (rule) report(node, rule.rule, rule.message);
	};

	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node)) {
			if (!node.importClause?.isTypeOnly) checkModule(node, node.moduleSpecifier);
		} else if (ts.isExportDeclaration(node)) {
			if (!node.isTypeOnly) checkModule(node, node.moduleSpecifier);
		} else if (ts.isCallExpression(node)) {
			const callee = node.expression;
			if (callee.kind === ts.SyntaxKind.ImportKeyword) {
				report(node, 'module', 'loads a module with import()');
			} else if (ts.isIdentifier(callee) && callee.text === 'require') {
				const [argument] = node.arguments;
				if (argument && ts.isStringLiteralLike(argument)) checkModule(node, argument);
				else report(node, 'module', 'requires a computed module name');
			} else if (ts.isIdentifier(callee) && callee.text === 'eval') {
				report(node, 'dynamic-code', 'calls eval()');
			}
		} else if (ts.isNewExpression(node)) {
			if (ts.isIdentifier(node.expression) && node.expression.text === 'Function')
				report(node, 'dynamic-code', 'constructs a Function from a string');
		} else if (ts.isIdentifier(node) && !isPropertyName(node)) {
			if (node.text === 'process') report(node, 'environment', 'reads the Node process object');
			if (node.text === '__dirname' || node.text === '__filename')
				report(node, 'file-system', `reads ${node.text}`);
		}
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	return found;
}

/** The JavaScript files `npm publish` would upload, as paths relative to the package root. */
export function packedJavaScript(root: string): string[] {
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack --dry-run failed: ${pack.stderr}`);
	const [{ files }] = JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>;
	return files.map((f) => f.path).filter((f) => f.endsWith('.js'));
}

if (require.main === module) {
	const root = path.resolve(__dirname, '..');
	const files = packedJavaScript(root);
	const violations = files.flatMap((file) =>
		shippedCodeViolations(file, readFileSync(path.join(root, file), 'utf8')),
	);
	for (const v of violations) console.log(`${v.file}:${v.line}  ${v.rule}  ${v.message}`);
	console.log(
		violations.length === 0
			? `${files.length} shipped JavaScript files: only ${RUNTIME_MODULES.join(', ')} and the package's own files are required; no process, file-system or dynamic-code access`
			: `${violations.length} violations in the shipped JavaScript`,
	);
	process.exit(violations.length === 0 ? 0 : 1);
}
