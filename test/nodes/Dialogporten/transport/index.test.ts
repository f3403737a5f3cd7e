import { NodeApiError, type INode } from 'n8n-workflow';

import {
	buildQueryString,
	parseRetryAfter,
	redactSecrets,
	toNodeApiError,
} from '../../../../nodes/Dialogporten/transport';

const node = {
	id: '1',
	name: 'Dialogporten',
	type: 'dialogporten',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const url =
	'http://127.0.0.1:7780/dialogporten/api/v1/serviceowner/dialogs/0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b';

describe('buildQueryString', () => {
	it('repeats array keys and leaves out empty values', () => {
		expect(
			buildQueryString({
				party: [
					'urn:altinn:organization:identifier-no:310000051',
					'urn:altinn:person:identifier-no:01125512345',
				],
				status: ['InProgress'],
				search: '',
				org: [],
				limit: 10,
				excludeApiOnly: false,
				process: undefined,
				deleted: null,
			}),
		).toBe(
			'?party=urn%3Aaltinn%3Aorganization%3Aidentifier-no%3A310000051&party=urn%3Aaltinn%3Aperson%3Aidentifier-no%3A01125512345&status=InProgress&limit=10&excludeApiOnly=false',
		);
		expect(buildQueryString({})).toBe('');
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-01-01T12:00:00Z');
	it('reads seconds and RFC 1123 dates', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:02 GMT', now)).toBe(2000);
		expect(parseRetryAfter('Thu, 01 Jan 2026 11:59:00 GMT', now)).toBe(0);
	});
	it('gives undefined for absent or unreadable values', () => {
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

describe('toNodeApiError', () => {
	it('carries the problem details: title, detail, field errors and trace ID', () => {
		const error = toNodeApiError(
			node,
			{
				status: 400,
				headers: {},
				message: 'Request failed with status code 400',
				body: {
					type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
					title: 'One or more validation errors occurred.',
					status: 400,
					errors: {
						Party: ["'Party' must be a valid party URN."],
						'Content.Title': ['Title is required.'],
					},
					traceId: '00-abc-def-01',
				},
			},
			url,
			2,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe(
			'Dialogporten rejected the request as invalid: One or more validation errors occurred.',
		);
		expect(error.description).toContain("Party: 'Party' must be a valid party URN.");
		expect(error.description).toContain('Content.Title: Title is required.');
		expect(error.description).toContain('Trace ID: 00-abc-def-01');
		expect(error.context.itemIndex).toBe(2);
	});

	it('explains a 412 revision mismatch', () => {
		const error = toNodeApiError(
			node,
			{
				status: 412,
				headers: {},
				message: '',
				body: {
					title: 'Precondition failed',
					detail:
						'The supplied If-Match header did not match the current Revision value for the dialog.',
				},
			},
			url,
		);
		expect(error.message).toBe(
			'Revision mismatch: the dialog was changed since the revision you supplied: Precondition failed',
		);
		expect(error.description).toContain('Get the dialog again to read its current revision');
		expect(error.description).toContain('Nothing was changed.');
	});

	it('does not repeat a title that says what the status already says', () => {
		const error = toNodeApiError(
			node,
			{
				status: 404,
				headers: {},
				message: '',
				body: { title: 'Not Found', detail: 'Dialog with key x was not found.' },
			},
			url,
		);
		expect(error.message).toBe('Not found');
		expect(error.description).toContain('Dialog with key x was not found.');
	});

	it('tolerates plain-text and empty bodies, and reports Retry-After on 503', () => {
		const error = toNodeApiError(
			node,
			{
				status: 503,
				headers: { 'retry-after': 'Thu, 01 Jan 2026 12:00:02 GMT' },
				message: '',
				body: 'Service Unavailable',
			},
			url,
		);
		expect(error.message).toBe('Dialogporten is unavailable (maintenance or overload)');
		expect(error.description).toContain('Service Unavailable');
		expect(error.description).toContain('Retry-After: Thu, 01 Jan 2026 12:00:02 GMT');
		expect(
			toNodeApiError(node, { status: 401, headers: {}, message: '', body: '' }, url).message,
		).toContain('Authentication failed');
	});

	it('never carries a token, even when the server echoes one', () => {
		const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl';
		const error = toNodeApiError(
			node,
			{
				status: 400,
				headers: {},
				message: '',
				body: { title: `bad token ${token}`, detail: `Authorization: Bearer ${token}` },
			},
			url,
		);
		const everything = JSON.stringify({
			message: error.message,
			description: error.description,
			response: error.errorResponse,
		});
		expect(everything).not.toContain(token);
		expect(error.message).toContain('[redacted]');
	});
});

describe('redactSecrets', () => {
	it('removes bearer tokens and JWTs', () => {
		expect(redactSecrets('Authorization: Bearer abc.def-ghi')).toBe(
			'Authorization: Bearer [redacted]',
		);
		expect(redactSecrets('token eyJabcdef.eyJabcdef.sig here')).toBe('token [redacted] here');
	});
});
