import { inspect } from 'node:util';
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { withoutRequest } from '../../../../nodes/Dialogporten/auth/errors';

const node: INode = {
	id: '1',
	name: 'Dialogporten',
	type: 'n8n-nodes-dialogporten.dialogporten',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const bearer = 'eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6ImRpZ2RpcjpkaWFsb2dwb3J0ZW4ifQ.c2lnbmF0dXJl';

/** An error shaped like axios's: the request (with its headers) next to the response. */
function httpError() {
	const config = {
		url: 'https://platform.tt02.altinn.no/dialogporten/api/v1/enduser/dialogs',
		headers: { Authorization: `Bearer ${bearer}` },
	};
	return Object.assign(new Error('Request failed with status code 403'), {
		config,
		request: {
			_header: `GET /dialogporten/api/v1/enduser/dialogs HTTP/1.1\r\nAuthorization: Bearer ${bearer}\r\n`,
		},
		response: {
			status: 403,
			headers: { 'content-type': 'application/problem+json' },
			data: { title: 'Forbidden', traceId: 't-1' },
			config,
		},
	});
}

describe('withoutRequest', () => {
	it('removes the request and its headers from an error, its cause and its response', () => {
		// n8n 2.41 keeps the raw HTTP error as the NodeApiError's cause.
		const wrapped = Object.assign(new Error('Forbidden'), { cause: httpError() });
		expect(inspect(wrapped, { depth: 10 })).toContain(bearer);
		withoutRequest(wrapped);
		const text = inspect(wrapped, { depth: 10 });
		expect(text).not.toContain(bearer);
		expect(text).toContain('Forbidden');
		expect((wrapped.cause as ReturnType<typeof httpError>).response).toEqual({
			status: 403,
			headers: { 'content-type': 'application/problem+json' },
			data: { title: 'Forbidden', traceId: 't-1' },
		});
	});

	it('keeps what NodeApiError takes from the response', () => {
		const error = withoutRequest(new NodeApiError(node, httpError() as unknown as JsonObject));
		expect(error.httpCode).toBe('403');
		expect(inspect(error, { depth: 10 })).not.toContain(bearer);
	});

	it('stops at cycles', () => {
		const a: Record<string, unknown> = { config: 1 };
		a.cause = a;
		expect(withoutRequest(a)).toEqual({ cause: a });
	});
});
