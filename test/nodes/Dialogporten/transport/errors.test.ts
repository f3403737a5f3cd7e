import { NodeApiError, type INode } from 'n8n-workflow';

import { revisionHints } from '../../../../nodes/Dialogporten/helpers/errorMessages';
import { toNodeApiError } from '../../../../nodes/Dialogporten/transport/errors';

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

	it("explains a 412 revision mismatch with the write's hint", () => {
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
			undefined,
			revisionHints('rev-1')[412],
		);
		expect(error.message).toBe(
			'Revision mismatch: the dialog was changed since the revision you supplied: Precondition failed',
		);
		expect(error.description).toContain('Get the dialog again to read its current revision');
		expect(error.description).toContain('Nothing was changed.');
		expect(error.description).toContain('The revision sent with If-Match was rev-1.');
	});

	it('adds what a 410 from Dialogporten means, and words a service owner system by its host', () => {
		const gone = toNodeApiError(node, { status: 410, headers: {}, message: '', body: '' }, url);
		expect(gone.message).toBe('Gone: the dialog has been deleted');
		expect(gone.description).toContain('Dialog → Restore');
		const external = toNodeApiError(
			node,
			{ status: 403, headers: {}, message: '', body: '' },
			'https://api.example.no/actions/sign',
			undefined,
			undefined,
			'api.example.no',
		);
		expect(external.message).toBe(
			'api.example.no refused the request (403): the token lacks the access it needs (scope, party or action)',
		);
		expect(
			toNodeApiError(
				node,
				{ status: 418, headers: {}, message: '', body: '' },
				'https://api.example.no/x',
				undefined,
				undefined,
				'api.example.no',
			).message,
		).toBe('api.example.no answered HTTP 418');
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
