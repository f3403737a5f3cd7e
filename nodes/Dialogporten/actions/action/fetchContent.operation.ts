import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import { assertUsableUrl, attachmentUrl, responseToItems } from '../../helpers/actions';
import type { AnyDialog } from '../../helpers/interfaces';
import { pickLocalized } from '../../helpers/simplify';
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
	needsDialogToken,
	tokenChoice,
	tokenRefusedHints,
	resolveActionAuth,
	responseFields,
	responseSettings,
} from './common';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Content',
		name: 'contentSource',
		type: 'options',
		default: 'mainContentReference',
		options: [
			{
				name: 'Main Content',
				value: 'mainContentReference',
				description: 'The dialog’s main content reference',
			},
			{
				name: 'Attachment',
				value: 'attachment',
				description: 'An attachment of the dialog or of one of its transmissions',
			},
			{
				name: 'Transmission Content',
				value: 'transmissionContentReference',
				description: 'The content reference of a transmission',
			},
			{ name: 'URL', value: 'url', description: 'Any content URL of the dialog' },
		],
	},
	{
		displayName: 'Attachment Name or ID',
		name: 'attachmentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAttachments', loadOptionsDependsOn: ['dialogId.value'] },
		default: '',
		required: true,
		description:
			'The attachment (its system URL is used when it has one). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { contentSource: ['attachment'] } },
	},
	{
		displayName: 'Transmission Name or ID',
		name: 'transmissionId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getTransmissions',
			loadOptionsDependsOn: ['dialogId.value'],
		},
		default: '',
		required: true,
		description:
			'The transmission whose content to fetch. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { contentSource: ['transmissionContentReference'] } },
	},
	{
		displayName: 'URL Name or ID',
		name: 'contentUrl',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getContentUrls', loadOptionsDependsOn: ['dialogId.value'] },
		default: '',
		required: true,
		description:
			'A content URL of the dialog; an expression gives the URL itself. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { contentSource: ['url'] } },
	},
	{
		displayName: 'Content Language',
		name: 'outputLanguage',
		type: 'options',
		default: 'nb',
		options: languageOptions,
		description:
			'Which language version of the content to fetch; falls back to Norwegian Bokmål, Nynorsk, then English',
	},
	...requestAuthFields,
	trustedHostsField,
	...responseFields,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const source = this.getNodeParameter(
		'contentSource',
		itemIndex,
		'mainContentReference',
	) as string;
	const { language } = getSimplifyOptions.call(this, itemIndex);
	const sendToken = tokenChoice.call(this, itemIndex);

	let dialog: AnyDialog | undefined;
	let url: string | undefined;
	let what: string;
	if (source === 'url') {
		what = 'the content URL';
		url = String(this.getNodeParameter('contentUrl', itemIndex, '')).trim();
		check.url(url, 'Content URL');
		if (needsDialogToken(sendToken, api))
			dialog = await fetchDialog.call(this, api, dialogId, itemIndex);
	} else {
		const attachmentSelector =
			source === 'attachment'
				? String(this.getNodeParameter('attachmentId', itemIndex, '')).trim()
				: '';
		const transmissionId =
			source === 'transmissionContentReference'
				? check.uuid(this.getNodeParameter('transmissionId', itemIndex, ''), 'Transmission ID')
				: '';
		if (source === 'attachment' && !attachmentSelector) check.fail('Choose an attachment');
		dialog = await fetchDialog.call(this, api, dialogId, itemIndex);
		if (source === 'mainContentReference') {
			what = 'the main content';
			url =
				pickLocalized(dialog.content?.mainContentReference?.value ?? null, language) ?? undefined;
			if (!url) check.fail('The dialog has no main content reference');
		} else if (source === 'attachment') {
			what = `the attachment "${attachmentSelector}"`;
			url = attachmentUrl(dialog, attachmentSelector);
			if (!url) check.fail(`The dialog has no attachment "${attachmentSelector}"`);
		} else if (source === 'transmissionContentReference') {
			what = 'the transmission content';
			const transmission = (dialog.transmissions ?? []).find(
				(entry) => entry.id === transmissionId,
			);
			if (!transmission) check.fail(`The dialog has no transmission ${transmissionId}`);
			url =
				pickLocalized(transmission.content?.contentReference?.value ?? null, language) ?? undefined;
			if (!url) check.fail('The transmission has no content reference');
		} else {
			check.fail(`Unknown content "${source}"`);
		}
	}
	const target = assertUsableUrl(url, what, check);
	const auth = resolveActionAuth.call(this, itemIndex, api, dialog, check);
	const redirects = guardCredentialToken(
		target,
		await credentialTokenPolicy.call(this, itemIndex, auth, check),
		check,
	);
	const { format, binaryProperty } = responseSettings.call(this, itemIndex);
	const response = (await apiRequest.call(this, {
		api: 'absolute',
		method: 'GET',
		path: target,
		auth,
		redirects,
		errorHints: tokenRefusedHints(auth),
		binary: true,
		returnFullResponse: true,
		itemIndex,
	})) as FullResponse<Buffer>;
	const items = await responseToItems.call(this, response, target, format, binaryProperty, {
		dialogId,
		url: target,
	});
	return items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
}
