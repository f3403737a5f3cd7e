import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { N8nRuntime } from './n8n-runtime';

// A credential shaped like ours: a hidden expirable token minted in preAuthentication.
let issued = 0;
class CounterTokenApi implements ICredentialType {
	name = 'counterTokenApi';
	displayName = 'Counter Token';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'Token',
			name: 'accessToken',
			type: 'hidden',
			default: '',
			typeOptions: { expirable: true, password: true },
		},
	];
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const body = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl}/token`,
			json: true,
		})) as { token: string };
		issued++;
		return { accessToken: body.token };
	}
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
}

class EchoNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Echo',
		name: 'echo',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'counterTokenApi', required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/whoami' }],
	};
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const credentials = await this.getCredentials('counterTokenApi');
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const path = this.getNodeParameter('path', i) as string;
			const json = await this.helpers.httpRequestWithAuthentication.call(this, 'counterTokenApi', {
				url: `${credentials.baseUrl}${path}`,
				json: true,
			});
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}

describe('in-process n8n runtime', () => {
	let server: Server;
	let baseUrl: string;
	let valid = new Set<string>();
	beforeAll(async () => {
		server = createServer((req, res) => {
			if (req.url === '/token') {
				const token = `t${valid.size + 1}`;
				valid.add(token);
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify({ token }));
				return;
			}
			const token = (req.headers.authorization ?? '').replace('Bearer ', '');
			if (!valid.has(token)) {
				res.statusCode = 401;
				res.end('{}');
				return;
			}
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ token, path: req.url }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('runs preAuthentication once, persists the token, evaluates expressions per item', async () => {
		const runtime = new N8nRuntime({ credentials: [CounterTokenApi] });
		const id = runtime.addCredential('counterTokenApi', { baseUrl });
		const output = await runtime.execute(new EchoNode(), {
			parameters: { path: '={{ "/item/" + $json.n }}' },
			credentials: { counterTokenApi: id },
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});
		expect(output[0].map((i) => i.json.path)).toEqual(['/item/1', '/item/2']);
		expect(issued).toBe(1);
		expect(runtime.credentialData(id).accessToken).toBe('t1');
	});

	it('refreshes once through preAuthentication when the API answers 401', async () => {
		const runtime = new N8nRuntime({ credentials: [CounterTokenApi] });
		const id = runtime.addCredential('counterTokenApi', { baseUrl, accessToken: 'revoked' });
		const output = await runtime.execute(new EchoNode(), {
			parameters: {},
			credentials: { counterTokenApi: id },
		});
		expect(output[0][0].json.path).toBe('/whoami');
		expect(runtime.credentialsHelper.preAuthenticationCalls).toEqual([
			{ type: 'counterTokenApi', forced: true },
		]);
		valid = new Set();
	});
});
