// Property-based fuzzing of JSON Patch parsing (the JSON typed into Patch, and the values typed
// into its form): any text and any JSON value either becomes operations that satisfy RFC 6902's
// shape or is refused with a NodeOperationError; nothing else is ever thrown.
import fc from 'fast-check';
import { NodeOperationError, type INode } from 'n8n-workflow';

import { parsePatchValue } from '../../../../nodes/Dialogporten/actions/dialog/patch.operation';
import { InputValidator, JSON_PATCH_OPS } from '../../../../nodes/Dialogporten/helpers/validation';
import {
	emptyCounts,
	recordCounts,
	watchUnhandledRejections,
} from '../../../support/reliability/counts';

const RUNS = 1000;
const node = { name: 'Dialogporten', type: 'dialogporten', parameters: {} } as unknown as INode;
const counts = emptyCounts();
const rejections = watchUnhandledRejections();

afterAll(() => {
	const unhandled = rejections.stop();
	recordCounts(__filename, counts);
	expect(unhandled).toEqual([]);
});

const pointer = fc.oneof(
	fc.constantFrom('', '/', '/status', '/progress', '/content/title', '/~0~1', '/-'),
	fc.array(fc.string(), { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
	fc.string(),
);
const operation = fc.record(
	{
		op: fc.oneof(fc.constantFrom(...JSON_PATCH_OPS), fc.string(), fc.jsonValue()),
		path: fc.oneof(pointer, fc.jsonValue()),
		from: fc.oneof(pointer, fc.jsonValue()),
		value: fc.jsonValue(),
		extra: fc.jsonValue(),
	},
	{ requiredKeys: [] },
);
const patchInput = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.jsonValue().map((value) => JSON.stringify(value)),
	fc.array(operation, { maxLength: 6 }).map((ops) => JSON.stringify(ops)),
	fc.array(operation, { maxLength: 6 }),
	fc.anything(),
);

/** Runs `parse`, returning its value or the NodeOperationError it threw; anything else fails. */
function parseOrRefuse<T>(parse: () => T): T | NodeOperationError {
	try {
		return parse();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).not.toBe('');
		return error as NodeOperationError;
	}
}

describe('reliability: fuzzing JSON Patch parsing', () => {
	it(`JSON Patch: operations of a valid shape, or a NodeOperationError (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(patchInput, (input) => {
				counts.fuzzCases++;
				const result = parseOrRefuse(() => new InputValidator(node, 0).jsonPatch(input));
				if (result instanceof NodeOperationError) return;
				expect(Array.isArray(result)).toBe(true);
				expect(result.length).toBeGreaterThan(0);
				for (const op of result) {
					expect(JSON_PATCH_OPS).toContain(op.op);
					const path = String(op.path as unknown);
					expect(typeof op.path).toBe('string');
					expect(path === '' || path.startsWith('/')).toBe(true);
					const name = String(op.op as unknown);
					if (['add', 'replace', 'test'].includes(name)) expect('value' in op).toBe(true);
					if (['move', 'copy'].includes(name)) expect(String(op.from)).toMatch(/^\//);
				}
			}),
			{ numRuns: RUNS },
		);
	});

	it(`a value typed into the patch form: JSON when it parses, the text otherwise (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.anything()), (input) => {
				counts.fuzzCases++;
				const value = parsePatchValue(input);
				if (typeof input !== 'string') expect(value).toBe(input);
				else if (input.trim() === '') expect(value).toBe('');
				else {
					let parsed: unknown = input;
					try {
						parsed = JSON.parse(input.trim());
					} catch {
						// stays text
					}
					expect(value).toEqual(parsed);
				}
			}),
			{ numRuns: RUNS },
		);
	});
});
