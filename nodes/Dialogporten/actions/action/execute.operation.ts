import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import {
	assertUsableUrl,
	chooseEndpoint,
	describeAction,
	findAction,
	responseToItems,
} from '../../helpers/actions';
import {
	fetchDialog,
	getApi,
	getDialogId,
	getSimplifyOptions,
	validator,
} from '../../helpers/utils';
import { apiRequest, type FullResponse } from '../../transport';
import { dialogRLC, languageOptions } from '../common.descriptions';
import {
	trustedHostsField,
	credentialTokenPolicy,
	guardCredentialToken,
	requestAuthFields,
	tokenRefusedHints,
	resolveActionAuth,
	responseFields,
	responseSettings,
} from './common';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Action Name or ID',
		name: 'actionId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getActions', loadOptionsDependsOn: ['dialogId.value'] },
		default: '',
		required: true,
		description:
			'The API action to call, by name such as "confirm" (the list stores the name, which every dialog of the service has, so it works with a Dialog expression), authorization action such as "read", or ID. A GUI action ("gui:confirm") is not called: its URL and details are output for a browser. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Endpoint Name or ID',
		name: 'endpointId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getActionEndpoints',
			loadOptionsDependsOn: ['dialogId.value', 'actionId'],
		},
		default: '',
		description:
			'Which endpoint of the action to call, by version such as "v1" (as the list stores it) or ID; empty uses the first one that is not deprecated. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...requestAuthFields,
	trustedHostsField,
	{
		displayName: 'Request Body',
		name: 'requestBody',
		type: 'options',
		default: 'none',
		description: 'What to send as the body (ignored for GET and HEAD)',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Input Item JSON', value: 'itemJson', description: 'The JSON of the incoming item' },
			{ name: 'Custom JSON', value: 'json' },
			{
				name: 'Input Item File',
				value: 'binary',
				description: 'A binary field of the incoming item',
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { requestBody: ['json'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'inputBinaryField',
		type: 'string',
		default: 'data',
		displayOptions: { show: { requestBody: ['binary'] } },
	},
	...responseFields,
	{
		displayName: 'Output Language',
		name: 'outputLanguage',
		type: 'options',
		default: 'nb',
		options: languageOptions,
		description: 'Language of GUI action titles in the output',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const selector = String(this.getNodeParameter('actionId', itemIndex, '')).trim();
	if (!selector) check.fail('Choose an action');
	const { language } = getSimplifyOptions.call(this, itemIndex);
	const bodyMode = this.getNodeParameter('requestBody', itemIndex, 'none') as string;
	// Parsed before the dialog is read, so a malformed body costs no request.
	const customJson =
		bodyMode === 'json'
			? check.json(this.getNodeParameter('jsonBody', itemIndex, '{}'), 'JSON Body', 'any')
			: undefined;
	const dialog = await fetchDialog.call(this, api, dialogId, itemIndex);
	const found = findAction(dialog, selector);
	if (!found) {
		const known = [
			...(dialog.apiActions ?? []).map((a) => a.name ?? a.action),
			...(dialog.guiActions ?? []).map((a) => a.action),
		];
		check.fail(
			`The dialog has no action "${selector}"`,
			known.length ? `Its actions: ${known.join(', ')}.` : 'The dialog has no actions.',
		);
	}
	if (found.kind === 'gui') {
		return [
			{
				json: { dialogId, ...describeAction(found, language), executed: false },
				pairedItem: { item: itemIndex },
			},
		];
	}

	const endpointSelector = String(this.getNodeParameter('endpointId', itemIndex, '') ?? '');
	const endpoint = chooseEndpoint(found.action, endpointSelector);
	const actionLabel = `the action "${found.action.name ?? found.action.action}"`;
	if (!endpoint) {
		check.fail(
			endpointSelector
				? `The action has no endpoint "${endpointSelector}"`
				: `${actionLabel} has no endpoints`,
		);
	}
	const url = assertUsableUrl(endpoint.url, actionLabel, check);
	if (found.action.isAuthorized === false) {
		check.fail(
			`You are not authorized for ${actionLabel}`,
			`Dialogporten marks the action as not authorized (authorization attribute: ${found.action.authorizationAttribute ?? found.action.action}).`,
		);
	}
	const method = check.oneOf(
		endpoint.httpMethod,
		['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const,
		'Endpoint HTTP method',
	);
	const auth = resolveActionAuth.call(this, itemIndex, api, dialog, check);
	const redirects = guardCredentialToken(
		url,
		await credentialTokenPolicy.call(this, itemIndex, auth, check),
		check,
	);

	let body: unknown;
	const headers: IDataObject = {};
	if (method !== 'GET' && method !== 'HEAD' && bodyMode !== 'none') {
		if (bodyMode === 'itemJson') body = this.getInputData()[itemIndex]?.json ?? {};
		else if (bodyMode === 'json') body = customJson;
		else if (bodyMode === 'binary') {
			const field = String(this.getNodeParameter('inputBinaryField', itemIndex, 'data'));
			const binary = this.helpers.assertBinaryData(itemIndex, field);
			body = await this.helpers.getBinaryDataBuffer(itemIndex, field);
			headers['Content-Type'] = binary.mimeType;
		} else check.fail(`Unknown request body "${bodyMode}"`);
	}

	const { format, binaryProperty } = responseSettings.call(this, itemIndex);
	const response = (await apiRequest.call(this, {
		api: 'absolute',
		method: method as IHttpRequestMethods,
		path: url,
		body,
		headers,
		auth,
		redirects,
		errorHints: tokenRefusedHints(auth),
		binary: true,
		returnFullResponse: true,
		itemIndex,
	})) as FullResponse<Buffer>;
	const items = await responseToItems.call(this, response, url, format, binaryProperty, {
		dialogId,
		action: found.action.name ?? found.action.action,
	});
	return items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
}
