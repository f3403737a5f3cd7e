import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { RUNTIME_MODULES, shippedCodeViolations } from '../../scripts/check-shipped-code';

const rules = (source: string) =>
	shippedCodeViolations('dist/x.js', source).map((v) => [v.rule, v.line]);

describe('shippedCodeViolations', () => {
	it('accepts what tsc emits for the allowed modules and the package’s own files', () => {
		const source = [
			'"use strict";',
			'Object.defineProperty(exports, "__esModule", { value: true });',
			'const n8n_workflow_1 = require("n8n-workflow");',
			'const luxon_1 = require("luxon");',
			'const node_crypto_1 = require("node:crypto");',
			'const transport_1 = require("./transport");',
			'const helpers_1 = require("../helpers/simplify");',
			'const options = { process: true, description: "Whether to process every item" };',
			'options.process = false;',
		].join('\n');
		expect(rules(source)).toEqual([]);
		expect(RUNTIME_MODULES).toEqual(['n8n-workflow', 'luxon', 'crypto', 'node:crypto']);
	});

	it('finds environment, file-system and child-process access', () => {
		const source = [
			'const url = process.env.ALTINN_URL;', // 1
			'const fs = require("fs");', // 2
			'const { readFile } = require("node:fs/promises");', // 3
			'const here = __dirname;', // 4
			'const { exec } = require("node:child_process");', // 5
		].join('\n');
		expect(rules(source)).toEqual([
			['environment', 1],
			['file-system', 2],
			['file-system', 3],
			['file-system', 4],
			['child-process', 5],
		]);
	});

	it('finds modules n8n does not provide, and modules loaded by computed name or import()', () => {
		const source = [
			'const jose = require("jose");', // 1
			'const name = "x"; const m = require(name);', // 2
			'import("n8n-workflow").then(() => undefined);', // 3
		].join('\n');
		const found = shippedCodeViolations('dist/x.js', source);
		expect(found.map((v) => [v.rule, v.line])).toEqual([
			['module', 1],
			['module', 2],
			['module', 3],
		]);
		expect(found[0].message).toContain('"jose", which n8n does not provide');
	});

	it('finds code built from strings', () => {
		expect(rules('eval("1");\nconst f = new Function("return 1");')).toEqual([
			['dynamic-code', 1],
			['dynamic-code', 2],
		]);
	});

	it('reads TypeScript sources: imports count, type-only imports and property names do not', () => {
		const source = [
			"import type { IDataObject } from 'jose';", // 1: erased by the build
			"import { NodeOperationError } from 'n8n-workflow';", // 2
			"import { readFileSync } from 'node:fs';", // 3
			"export { sign } from 'jose';", // 4
			'interface Dialog { process?: string }', // 5
			'const home = process.env.HOME;', // 6
		].join('\n');
		expect(shippedCodeViolations('nodes/x.ts', source).map((v) => [v.rule, v.line])).toEqual([
			['file-system', 3],
			['module', 4],
			['environment', 6],
		]);
	});

	it('finds nothing in the TypeScript sources of the nodes and credentials either', () => {
		const root = path.resolve(__dirname, '../..');
		const sources = (dir: string): string[] =>
			readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
				entry.isDirectory()
					? sources(path.join(dir, entry.name))
					: entry.name.endsWith('.ts')
						? [path.join(dir, entry.name)]
						: [],
			);
		const files = [...sources('nodes'), ...sources('credentials')];
		expect(files.length).toBeGreaterThan(10);
		const violations = files.flatMap((file) =>
			shippedCodeViolations(file, readFileSync(path.join(root, file), 'utf8')),
		);
		expect(violations).toEqual([]);
	});
});
