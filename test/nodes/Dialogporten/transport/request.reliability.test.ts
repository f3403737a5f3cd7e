// Property-based fuzzing of query building: the transport's query (`queryParameters`) for any keys
// and values, and the search operation's query from any filter values typed into the node, sent to
// the stand-in. No crash, no unhandled rejection; a filter the node refuses sends nothing, one it
// accepts sends a request the OpenAPI document allows.
import fc from 'fast-check';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { queryParameters, type QueryParameters } from '../../../../nodes/Dialogporten/transport';
import { SecretScanner } from '../../../credentials/support/secretScanner';
import {
	emptyCounts,
	recordCounts,
	watchUnhandledRejections,
} from '../../../support/reliability/counts';
import { NodeHarness, failureOf } from '../support/harness';

const RUNS = 1000;
const NODE_RUNS = 60;
const counts = emptyCounts();
const rejections = watchUnhandledRejections();

const scalar = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.constant(''),
);
const queryValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 5 }));

describe('reliability: fuzzing query building', () => {
	const h = new NodeHarness();
	const scanner = new SecretScanner();

	beforeAll(async () => {
		scanner.addFixtureSecrets();
		await h.start({ seedDialogs: 5 });
	});
	afterAll(async () => {
		for (const issued of h.local.tokens.issued()) scanner.addToken(issued.token);
		counts.leaks = scanner.findings().length;
		const unhandled = rejections.stop();
		recordCounts(__filename, counts);
		await h.stop();
		expect(scanner.findings()).toEqual([]);
		expect(unhandled).toEqual([]);
	});

	it(`queryParameters keeps every non-empty value, in order, and nothing else (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string(), queryValue), (qs) => {
				counts.fuzzCases++;
				const result = queryParameters(qs as QueryParameters);
				const empty = (v: unknown) => v === undefined || v === null || v === '';
				for (const [key, value] of Object.entries(qs)) {
					const kept = (Array.isArray(value) ? value : [value]).filter((v) => !empty(v));
					if (kept.length === 0) expect(Object.keys(result)).not.toContain(key);
					else expect(result[key]).toEqual(Array.isArray(value) ? kept : kept[0]);
				}
				expect(Object.keys(result).every((key) => Object.keys(qs).includes(key))).toBe(true);
			}),
			{ numRuns: RUNS },
		);
	});

	it(`search filters typed into the node: refused before sending, or a request the spec allows (${NODE_RUNS} runs)`, async () => {
		const text = fc.oneof(
			fc.string({ maxLength: 40 }),
			fc.string({ unit: 'binary', maxLength: 40 }),
			fc.constantFrom(
				'urn:altinn:organization:identifier-no:310000051',
				'urn:altinn:resource:ttd-dialogporten-demo',
				'2025-01-31T08:00:00Z',
				'&x=1',
				'a,b,,c',
				'%00',
			),
		);
		const filters = fc.record(
			{
				party: text,
				serviceResource: text,
				externalReference: text,
				extendedStatus: text,
				process: text,
				search: text,
				createdAfter: text,
				updatedBefore: text,
				serviceOwnerLabels: text,
				endUserId: text,
			},
			{ requiredKeys: [] },
		);
		await fc.assert(
			fc.asyncProperty(filters, async (values) => {
				counts.fuzzCases++;
				const before = h.local.stats.requests('/dialogporten');
				const violationsBefore = h.violations().length;
				try {
					const out = await h.run('serviceOwner', {
						resource: 'dialog',
						operation: 'search',
						returnAll: false,
						limit: 2,
						filters: values as Record<string, string>,
					});
					scanner.record(out, 'search output');
					expect(h.violations().slice(violationsBefore)).toEqual([]);
				} catch (thrown) {
					const error = await failureOf(Promise.reject(thrown));
					scanner.record(error, 'search error');
					if (error instanceof NodeOperationError && !(error instanceof NodeApiError))
						expect(h.local.stats.requests('/dialogporten')).toBe(before);
					else {
						// The API refusing a value the node let through: a clear 4xx, never a 5xx.
						expect(error).toBeInstanceOf(NodeApiError);
						expect(Number(error.httpCode)).toBeGreaterThanOrEqual(400);
						expect(Number(error.httpCode)).toBeLessThan(500);
					}
				}
			}),
			{ numRuns: NODE_RUNS },
		);
	});
});
